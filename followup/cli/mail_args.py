"""Mail commands: mail add-account/accounts/remove-account/sync/suggestions,
import-mail, send-invite, draft, check-tone (followup/cli/mail_commands.py)."""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command


def register(sub: Any) -> None:
    mail = sub.add_parser("mail", help="mail accounts and sync (mail --help for more)")
    msub = mail.add_subparsers(dest="mail_command", metavar="ACTION", required=True)

    add = command(msub, "add-account", "mail_commands:add_account", help="connect a mailbox (IMAP and SMTP)")
    add.add_argument("--email", required=True, metavar="ADDR")
    add.add_argument("--imap", required=True, metavar="HOST[:PORT]")
    add.add_argument("--smtp", required=True, metavar="HOST[:PORT]")
    add.add_argument("--user", metavar="U", help="login name (default: the address)")
    add.add_argument("--imap-security", choices=["ssl", "starttls", "none"], help="default from the port")
    add.add_argument("--smtp-security", choices=["ssl", "starttls", "none"], help="default from the port")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument(
        "--pin-certificate",
        action="append",
        metavar="SHA256",
        help="trust this certificate fingerprint for the account's hosts (repeat for a second one)",
    )
    add.add_argument("--headers-only", action="store_true", help="log subjects only, no text from the message")
    add.add_argument("--no-check", action="store_true", help="save without logging in to the server first")
    add.add_argument("--json", action="store_true")

    accounts = command(msub, "accounts", "mail_commands:accounts", help="list mail accounts (never a password)")
    accounts.add_argument("--json", action="store_true")

    remove = command(msub, "remove-account", "mail_commands:remove_account", help="forget an account and its password")
    remove.add_argument("email", metavar="ADDR")
    remove.add_argument("--json", action="store_true")

    sync = command(msub, "sync", "mail_commands:sync", help="read new mail (read-only) and log it as touch points")
    sync.add_argument("--account", metavar="ADDR", help="only this account (default: all)")
    sync.add_argument("--json", action="store_true")

    suggestions = command(
        msub, "suggestions", "mail_commands:suggestions", help="people you write to most who are not contacts"
    )
    suggestions.add_argument("--limit", type=int, default=20)
    suggestions.add_argument("--json", action="store_true")

    flip = command(msub, "needs-reply", "mail_commands:needs_reply", help="say a logged message needs a reply (or not)")
    flip.add_argument("touch_point", type=int, metavar="TOUCH_POINT_ID")
    flip.add_argument("--off", action="store_true", help="it needs no reply: withdraw the promise")

    presets = command(msub, "presets", "mail_commands:presets", help="server settings of common providers")
    presets.add_argument("--json", action="store_true")

    threads = command(msub, "threads", "mail_commands:threads", help="a contact's mail as threads, one line each")
    threads.add_argument("contact", metavar="CONTACT", help="a unique name, email or id")
    threads.add_argument("--json", action="store_true")

    imp = command(sub, "import-mail", "mail_commands:import_mail", help="log mail from .eml, .msg, mbox or maildir")
    imp.add_argument("path", metavar="PATH")
    imp.add_argument("--json", action="store_true")

    invite = command(sub, "send-invite", "invite_commands:send_invite", help="send an engagement's invitation by mail")
    invite.add_argument("engagement", type=int, metavar="ENGAGEMENT_ID")
    invite.add_argument("--cancel", action="store_true", help="send the cancellation")
    invite.add_argument("--save", metavar="OUT.eml", help="write the message to a file instead of sending it")
    invite.add_argument("--account", metavar="ADDR", help="send from this account (default: the only one)")
    invite.add_argument("--json", action="store_true")

    answers = command(
        sub, "invite-responses", "invite_commands:invite_responses", help="who accepted or declined an invitation"
    )
    answers.add_argument("engagement", type=int, metavar="ENGAGEMENT_ID")
    answers.add_argument("--json", action="store_true")

    draft = command(sub, "draft", "invite_commands:draft", help="a draft message for a follow-up, tone-checked")
    draft.add_argument("followup", type=int, metavar="FOLLOWUP_ID")
    draft.add_argument("--send", action="store_true", help="send it by SMTP, log it and keep the follow-up")
    draft.add_argument("--mailto", action="store_true", help="print a mailto: link to finish it in your mail program")
    draft.add_argument("--account", metavar="ADDR", help="send from this account (default: the only one)")
    draft.add_argument("--json", action="store_true")

    tone = command(sub, "check-tone", "invite_commands:check_tone", help="check a message's tone (text on stdin)")
    tone.add_argument("--channel", metavar="C", default="email")
    tone.add_argument("--contact", metavar="C", help="a unique name, email or id")
    tone.add_argument("--json", action="store_true")
