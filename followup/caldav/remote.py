"""The server side: a thin layer over the `caldav` library.

Discovery, reading what changed since the last sync (WebDAV sync-collection,
RFC 6578, where the server offers it; else every object with its ETag, and
the deletions worked out against what was seen last time), and the writes
Followup makes to its own calendar (PUT with If-Match on the ETag, so a
change made on a phone in between is never overwritten blindly).

Every failure comes out as a CalendarSyncError with a sentence for the user.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from followup.errors import FollowupError

log = logging.getLogger(__name__)

TIMEOUT_S = 120  # a first sync-collection of a big calendar can take a while on a small server
PUBLISH_NAME = "Followup"


class CalendarSyncError(FollowupError):
    """The server could not be used; the message says why, for the user."""


class CalendarGone(CalendarSyncError):
    """404 on a calendar: it was deleted on the server."""


class PreconditionFailed(CalendarSyncError):
    """412: someone else changed the object since we read it."""


@dataclass(slots=True, frozen=True)
class RemoteCalendar:
    url: str
    name: str
    components: tuple[str, ...]


@dataclass(slots=True)
class RemoteObject:
    href: str
    etag: str
    data: str


@dataclass(slots=True)
class Changes:
    token: str
    changed: list[RemoteObject] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    complete: bool = False  # every object was listed: what is not among them is gone
    failed: list[tuple[str, str]] = field(default_factory=list)  # (href, why) of objects the server could not give


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


@contextmanager
def _errors(url: str, what: str) -> Iterator[None]:
    from caldav.lib import error as dav_error

    try:
        yield
    except CalendarSyncError:
        raise
    except dav_error.AuthorizationError:
        raise CalendarSyncError(
            f"The calendar server at {host_of(url)} refused the user name or password ({what})."
        ) from None
    except dav_error.NotFoundError:
        raise CalendarGone(f"The calendar at {url} is no longer on the server ({what}).") from None
    except dav_error.DAVError as error:
        raise CalendarSyncError(
            f"The calendar server at {host_of(url)} answered with an error ({what}): {error}"
        ) from None
    except OSError as error:
        raise CalendarSyncError(f"The calendar server at {host_of(url)} cannot be reached ({what}): {error}") from None
    except Exception as error:  # niquests/requests connection errors are not OSErrors
        if type(error).__module__.split(".")[0] in {"niquests", "requests", "urllib3"}:
            raise CalendarSyncError(
                f"The calendar server at {host_of(url)} cannot be reached ({what}): {type(error).__name__}"
            ) from None
        raise


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


class Remote:
    """One CalDAV account on one server."""

    def __init__(self, url: str, username: str, password: str | None) -> None:
        from caldav.davclient import DAVClient

        self.url = url
        # Basic auth sent at once over TLS (or to this machine, e.g. a local
        # bridge) saves a 401 round trip per sync; elsewhere the library
        # negotiates (digest servers still exist).
        parts = urlsplit(url)
        eager = password is not None and (
            parts.scheme == "https" or parts.hostname in ("127.0.0.1", "localhost", "::1")
        )
        self._client: Any = DAVClient(
            url,
            username=username or None,
            password=password,
            timeout=TIMEOUT_S,
            auth_type="basic" if eager else None,
        )

    def close(self) -> None:
        try:
            self._client.close()
        except Exception:  # closing a dead connection is not worth a message
            log.debug("closing the CalDAV client failed", exc_info=True)

    def calendars(self) -> list[RemoteCalendar]:
        """Every calendar of the account's principal (discovery through
        /.well-known/caldav and the calendar home is the library's)."""
        with _errors(self.url, "listing calendars"):
            principal = self._client.principal()
            found = []
            for cal in principal.calendars():
                try:
                    components = tuple(cal.get_supported_components())
                except Exception:
                    components = ("VEVENT", "VTODO")
                found.append(RemoteCalendar(str(cal.url), cal.get_display_name() or "", components))
            return found

    def _calendar(self, url: str) -> Any:
        return self._client.calendar(url=url)

    def changes(self, calendar_url: str, token: str) -> Changes:
        """What changed in a calendar since ``token`` ('' = everything).

        Each object is fetched on its own: one the server cannot give (a 500,
        a broken item) is listed in ``failed`` and the rest goes on; the
        caller keeps the old token then, so the next sync asks again."""
        from caldav.lib import error as dav_error

        with _errors(calendar_url, "reading the calendar"):
            cal = self._calendar(calendar_url)
            coll = cal.objects_by_sync_token(sync_token=token or None, load_objects=False)
            deleted = {str(u) for u in coll.deleted_urls}
            out = Changes(token=str(coll.sync_token or ""))
            out.complete = not token or out.token.startswith("fake-")
            for obj in coll:
                href = str(obj.url)
                if href in deleted or str(obj.url.canonical()) in deleted:
                    out.deleted.append(href)
                    continue
                if obj.data is None:
                    try:
                        obj.load()
                    except dav_error.NotFoundError:
                        out.deleted.append(href)
                        continue
                    except (dav_error.DAVError, OSError) as error:
                        out.failed.append((href, _short(error)))
                        continue
                if not (obj.data or "").strip():
                    out.failed.append((href, "the server gave it back empty"))
                    continue
                etag = str(obj.props.get("{DAV:}getetag", "") or getattr(obj, "etag", "") or "")
                out.changed.append(RemoteObject(href, etag, str(obj.data)))
            return out

    def ensure_calendar(self, name: str = PUBLISH_NAME) -> tuple[str, str]:
        """Followup's own calendar on the server: (url, 'VTODO' or 'VEVENT').

        Tasks where the server takes them; events where it does not."""
        with _errors(self.url, "creating the Followup calendar"):
            principal = self._client.principal()
            for cal in principal.calendars():
                if (cal.get_display_name() or "") == name:
                    components = tuple(cal.get_supported_components() or ())
                    return str(cal.url), "VTODO" if "VTODO" in components or not components else "VEVENT"
            try:
                cal = principal.make_calendar(name=name, supported_calendar_component_set=["VTODO"])
                return str(cal.url), "VTODO"
            except Exception as error:
                log.info("the server refused a task calendar (%s); publishing events instead", type(error).__name__)
                cal = principal.make_calendar(name=name, supported_calendar_component_set=["VEVENT"])
                return str(cal.url), "VEVENT"

    def put(self, href: str, data: str, etag: str = "", *, create: bool = False) -> str:
        """PUT an object; returns its new ETag ('' if the server gave none).

        ``create``: If-None-Match: * (never overwrite something already there);
        else If-Match on ``etag``. A 412 raises PreconditionFailed."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if create:
            headers["If-None-Match"] = "*"
        elif etag:
            headers["If-Match"] = etag
        with _errors(href, "writing a task"):
            response = self._client.put(href, data, headers)
        if response.status == 412:
            raise PreconditionFailed(f"{href} was changed on the server meanwhile.")
        if response.status >= 300:
            raise CalendarSyncError(f"The server refused to save a task ({response.status}) at {href}.")
        return str(response.headers.get("ETag", "") or "")

    def get(self, href: str) -> RemoteObject | None:
        with _errors(href, "reading a task"):
            response = self._client.request(href, "GET")
        if response.status == 404:
            return None
        if response.status >= 300:
            raise CalendarSyncError(f"The server could not give back {href} ({response.status}).")
        body = response._raw if hasattr(response, "_raw") else response.raw
        text = body.decode("utf-8") if isinstance(body, bytes) else str(body)
        return RemoteObject(href, str(response.headers.get("ETag", "") or ""), text)

    def delete(self, href: str, etag: str = "") -> None:
        headers = {"If-Match": etag} if etag else {}
        with _errors(href, "removing a task"):
            response = self._client.delete(href, headers)
        if response.status == 412:
            raise PreconditionFailed(f"{href} was changed on the server meanwhile.")
        if response.status >= 300 and response.status != 404:
            raise CalendarSyncError(f"The server refused to remove a task ({response.status}) at {href}.")
