"""One Followup per data folder: a second launch asks the first to raise its
window (over a QLocalServer) and exits, so nothing is ever notified twice.

Who is first is decided by a lock on a file in the data folder, held for the
whole life of the process (the kernel lets go of it when the process ends,
even by a crash): two launches at the same moment cannot both win, as they
could when the QLocalServer name alone decided (one removed the other's
socket as "stale"). Only the holder listens.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
MESSAGE = b"raise\n"
LOCK_NAME = "followup.lock"
ASK_FOR_S = 10.0  # how long a second launch keeps asking a first that is still starting


def server_name(data_dir: Path) -> str:
    """Per user and per data folder: two folders are two separate apps."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (a container's uid)
        user = "user"
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"followup-{user}-{digest}"


class InstanceLock:
    """An exclusive lock on ``path`` for the life of the process: flock on
    POSIX (released by the kernel when the process ends, however it ends),
    QLockFile elsewhere."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._qlock: QLockFile | None = None

    def acquire(self) -> bool | None:
        """True: ours. False: another process holds it. None: no lock can be
        made here (a read-only folder): the caller does without."""
        if sys.platform == "win32":
            lock = QLockFile(str(self.path))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):
                self._qlock = lock
                return True
            return False if lock.error() == QLockFile.LockError.LockFailedError else None
        import fcntl

        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            log.debug("cannot make the instance lock %s: %s", self.path, error)
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError as error:
            os.close(fd)
            log.debug("cannot lock %s: %s", self.path, error)
            return None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # the lock goes with the descriptor
            self._fd = None
        if self._qlock is not None:
            self._qlock.unlock()
            self._qlock = None


class SingleInstance(QObject):
    activated = Signal()  # a second launch asked this one to come forward

    def __init__(self, name: str, parent: QObject | None = None, *, lock_path: Path | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server: QLocalServer | None = None
        self.lock = InstanceLock(lock_path) if lock_path is not None else None

    def _tell_first(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1000):
            return False
        socket.write(MESSAGE)
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def claim(self) -> bool:
        """True if this is the first instance (now listening); False if
        another one runs and was asked to come forward."""
        held = self.lock.acquire() if self.lock is not None else None
        if held is False:
            # Another launch holds the lock: it runs, or is starting and will
            # listen in a moment. Ask it to come forward; never run beside it.
            deadline = time.monotonic() + ASK_FOR_S
            while not self._tell_first() and time.monotonic() < deadline:
                time.sleep(0.1)
            return False
        if held is None and self._tell_first():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if held:
            QLocalServer.removeServer(self.name)  # we hold the lock: any socket there is a crash's leftover
        if not server.listen(self.name):
            # Without the lock: either a stale socket left by a crash, or
            # another instance that started at the same moment: ask once more.
            if self._tell_first():
                return False
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("cannot listen on %s: %s; running without single-instance", self.name, server.errorString())
                return True
        server.newConnection.connect(self._on_server_new_connection)
        self.server = server
        return True

    def _on_server_new_connection(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            # Read on the spot: the message is one short line written before
            # the client disconnects. (Keeping the socket for readyRead, with
            # deleteLater on disconnect, crashed when the server went first.)
            socket.waitForReadyRead(500)
            data = bytes(socket.readAll().data())
            socket.abort()
            if MESSAGE.strip() in data:
                log.info("a second launch asked this window to come forward")
                self.activated.emit()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock is not None:
            self.lock.release()
