// Parses .ics files with ical.js (Mozilla's parser, used by Thunderbird) and
// adds the checks ical.js does not make on its own: it turns an unknown zone
// into floating time and rolls month 13 over, so we look for UID, DTSTAMP,
// zone resolution, DTEND after DTSTART and alarm TRIGGER ourselves.
// Usage: node check.mjs FILE... ; prints one JSON object per file, in a list.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function instant(time) {
  // Seconds since the epoch; for DATE values, midnight UTC of that day.
  return time.toUnixTime();
}

function checkFile(path) {
  const out = { file: path, ok: true, errors: [], method: null, events: [] };
  const fail = (msg) => { out.ok = false; out.errors.push(msg); };
  let root;
  try {
    const text = readFileSync(path, "utf8");
    root = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    fail(`parse: ${e.message}`);
    return out;
  }
  if (root.name !== "vcalendar") fail(`root is ${root.name}`);
  out.method = root.getFirstPropertyValue("method");
  for (const need of ["prodid", "version"]) {
    if (!root.hasProperty(need)) fail(`calendar has no ${need.toUpperCase()}`);
  }
  const zones = new Set(root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")));
  for (const tz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(tz);
  }
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const uid = vevent.getFirstPropertyValue("uid");
    const ev = { uid, errors: [] };
    const bad = (msg) => { ev.errors.push(msg); fail(`${uid || "?"}: ${msg}`); };
    if (!uid) bad("no UID");
    if (!vevent.hasProperty("dtstamp")) bad("no DTSTAMP");
    for (const name of ["dtstart", "dtend"]) {
      const prop = vevent.getFirstProperty(name);
      if (!prop) continue;
      const tzid = prop.getParameter("tzid");
      if (tzid && !zones.has(tzid)) bad(`${name.toUpperCase()} names zone ${tzid} with no VTIMEZONE`);
    }
    const event = new ICAL.Event(vevent);
    if (!event.startDate) {
      bad("no DTSTART");
    } else {
      ev.start = instant(event.startDate);
      ev.is_date = event.startDate.isDate;
      ev.start_utc = event.startDate.isDate ? null : event.startDate.convertToZone(ICAL.Timezone.utcTimezone).toString();
      ev.start_text = event.startDate.toString();
      ev.floating = !event.startDate.isDate && event.startDate.zone === ICAL.Timezone.localTimezone;
      if (event.endDate) {
        ev.end = instant(event.endDate);
        ev.end_text = event.endDate.toString();
        if (event.endDate.compare(event.startDate) <= 0) bad("DTEND is not after DTSTART");
      }
    }
    ev.summary = event.summary;
    ev.description = event.description;
    ev.location = event.location;
    ev.sequence = vevent.getFirstPropertyValue("sequence");
    ev.status = vevent.getFirstPropertyValue("status");
    const org = vevent.getAllProperties("organizer");
    ev.organizers = org.map((p) => ({ value: p.getFirstValue(), cn: p.getParameter("cn") }));
    ev.attendees = vevent.getAllProperties("attendee").map((p) => ({
      value: p.getFirstValue(),
      cn: p.getParameter("cn"),
      rsvp: p.getParameter("rsvp"),
      role: p.getParameter("role"),
      partstat: p.getParameter("partstat"),
    }));
    ev.alarms = [];
    for (const alarm of vevent.getAllSubcomponents("valarm")) {
      const trigger = alarm.getFirstPropertyValue("trigger");
      if (!trigger) bad("VALARM without TRIGGER");
      if (!alarm.getFirstPropertyValue("action")) bad("VALARM without ACTION");
      ev.alarms.push({ trigger: trigger ? trigger.toString() : null, action: alarm.getFirstPropertyValue("action") });
    }
    out.events.push(ev);
  }
  return out;
}

const files = process.argv.slice(2);
process.stdout.write(JSON.stringify(files.map(checkFile)) + "\n");
