"""Opening, saving and restoring, as the main window asks the user about them (a mixin of MainWindow).

The session (planner.gui.session) owns the file, its lock and the autosave, and reads and writes files; this
mixin holds the conversation: save the changes first?, open read-only?, restore the autosaved work?, and
where to save. Opening a plan resets the undo history and takes the plan's lock file; work autosaved
before a crash is restored as unsaved changes under that lock. Every failure is shown with the core's
words (errors.show_error); a cancelled open changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner.gui.document import PlanDocument
from planner.gui.errors import show_error
from planner.gui.jobs import Cancelled
from planner.gui.session import PLAN_SUFFIX, LockInfo, PlanLock, PlanSession, RecoveryEntry, empty_plan
from planner.gui.settings import Settings
from planner.model.errors import InputError
from planner.model.plan import Plan


class FileOpsMixin:
    """Plan files for MainWindow: new, open (with lock), save / save as, crash recovery, demo."""

    session: PlanSession
    document: PlanDocument
    undo_stack: QUndoStack
    settings: Settings

    def _widget(self) -> QWidget:
        return self  # type: ignore[return-value]

    def _show_message(self, text: str) -> None:  # MainWindow shows it in the status bar
        raise NotImplementedError

    def maybe_save(self) -> bool:
        """True when the window may drop its plan: saved, or the user chose to discard or save it."""
        if self.undo_stack.isClean():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        name = self.document.path.name if self.document.path else (self.document.plan.name or QCoreApplication.translate("MainWindow", "Untitled"))
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(self._widget(), QCoreApplication.translate("MainWindow", "Unsaved changes"),
                                    QCoreApplication.translate("MainWindow", "Save the changes to “%1”?").replace("%1", name), buttons,
                                    QMessageBox.StandardButton.Save)

    def new_plan(self) -> None:
        if self.maybe_save():
            self.session.show(empty_plan(), None)

    def open_demo(self) -> bool:
        """The built-in demo plan, as an untitled plan (saving asks where: the package is not a folder to write)."""
        if not self.maybe_save():
            return False
        plan = self._loaded(self.session.load_demo)
        if plan is None:
            return False
        self.session.show(plan, None, demo=True)
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._widget(), QCoreApplication.translate("MainWindow", "Open plan"), self.settings.last_folder(),
                                              QCoreApplication.translate("MainWindow", "RedCat plans (*.rcplan);;All files (*)"))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a plan file: ask to save the current one, take the lock (or offer read-only), load, show.

        Work on this plan autosaved before a crash is offered first; restoring it keeps the lock just taken.
        """
        path = Path(path).resolve()
        if not self.maybe_save():
            return False
        lock, holder = self.session.take_lock(path) if path.exists() else (None, None)
        read_only = False
        if lock is None and holder is not None:
            if not self.ask_open_read_only(path, holder):
                return False
            read_only = True
        if not self._offer_recovery_of(path, lock, read_only):
            plan = self._loaded(lambda: self.session.load(path))
            if plan is None:
                if lock is not None:
                    lock.release()
                return False
            self.session.show(plan, path, lock, read_only)
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path)
        return True

    def _loaded(self, load: Callable[[], Plan], title: str = "") -> Plan | None:
        """The plan `load()` reads, or None once its error is shown (or it was cancelled)."""
        try:
            return load()
        except Cancelled:
            return None
        except (InputError, OSError) as error:
            show_error(self._widget(), error, title)
            return None

    def ask_open_read_only(self, path: Path, holder: LockInfo) -> bool:
        """Tell the user who holds the plan; True to open it read-only, False to cancel."""
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("MainWindow", "Plan in use"), holder_text(path, holder),
                          parent=self._widget())
        read_only = box.addButton(QCoreApplication.translate("MainWindow", "Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is read_only

    # ------------------------------------------------------------------ crash recovery

    def offer_recovery(self) -> bool:
        """After a crash: offer each recovery file left behind; True when one was restored.

        The recovery of the plan this window shows was offered when it was opened: it is not asked twice.
        """
        for entry in self.session.pending_recoveries():
            if self.document.path is not None and self.session.original_of(entry) == self.document.path:
                continue
            answer = ask_restore(self._widget(), entry)
            if answer is True and self.restore_recovery(entry):
                return True
            if answer is False:
                self.session.discard_recovery(entry)
        return False

    def restore_recovery(self, entry: RecoveryEntry) -> bool:
        """Show recovered work as unsaved changes to its plan file, writable and holding that file's lock.

        The window's own lock on that file is kept. When another window or instance holds the file, the
        user restores the work read-only (Save then asks for a new name) or keeps it for later.
        """
        if not self.maybe_save():
            return False
        plan = self._load_recovered(entry)
        if plan is None:
            return False
        original = self.session.original_of(entry)
        lock, read_only = None, False
        held = self.session.lock
        if original is not None and held is not None and held.plan_path.resolve() == original:
            lock = held  # this window has the plan open already: its lock is the one to keep
        elif original is not None:
            lock, holder = self.session.take_lock(original)
            if lock is None and holder is not None:
                if not self.ask_restore_read_only(original, holder):
                    return False
                read_only = True
        self.session.restore(entry, plan, original, lock, read_only)
        return True

    def _offer_recovery_of(self, path: Path, lock: PlanLock | None, read_only: bool) -> bool:
        """While opening `path`: offer its autosaved work; True when restored (with the lock just taken)."""
        for entry in self.session.recoveries_of(path):
            answer = ask_restore(self._widget(), entry)
            if answer is True:
                plan = self._load_recovered(entry)
                if plan is not None:
                    self.session.restore(entry, plan, path, lock, read_only)
                    return True
            elif answer is False:
                self.session.discard_recovery(entry)
        return False

    def _load_recovered(self, entry: RecoveryEntry) -> Plan | None:
        return self._loaded(lambda: self.session.load_recovery(entry), QCoreApplication.translate("MainWindow", "The autosaved plan cannot be read"))

    def ask_restore_read_only(self, path: Path, holder: LockInfo) -> bool:
        """The plan of recovered work is in use: True to restore it read-only, False to keep it for later."""
        text = holder_text(path, holder) + "\n\n" + QCoreApplication.translate("MainWindow",
            "The unsaved work can be restored read-only (Save then asks for a new name) or kept for later.")
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("MainWindow", "Plan in use"), text, parent=self._widget())
        read_only = box.addButton(QCoreApplication.translate("MainWindow", "Restore read-only"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QCoreApplication.translate("MainWindow", "Keep for later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is read_only

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        if self.document.path is None or self.session.read_only:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        start = str(Path(self.settings.last_folder()) / ((self.document.plan.name or "plan") + PLAN_SUFFIX))
        path, _ = QFileDialog.getSaveFileName(self._widget(), QCoreApplication.translate("MainWindow", "Save plan as"), start,
                                              QCoreApplication.translate("MainWindow", "RedCat plans (*.rcplan)"))
        return self.save_to(Path(path)) if path else False

    def save_to(self, path: Path) -> bool:
        """Save under `path` and make it the plan's file (taking its lock, releasing the old one)."""
        path = path.with_suffix(PLAN_SUFFIX) if path.suffix.lower() != PLAN_SUFFIX else path
        path = path.resolve()
        lock = self.session.lock
        if path != self.document.path or lock is None:
            lock, holder = self.session.take_lock(path)
            if lock is None and holder is not None and not holder.is_mine():
                QMessageBox.warning(self._widget(), QCoreApplication.translate("MainWindow", "Plan in use"), holder_text(path, holder))
                return False
        if not self._write(path):
            if lock is not None and lock is not self.session.lock:
                lock.release()
            return False
        self.session.adopt(path, lock)
        self.settings.set_last_folder(path)
        return True

    def _write(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except Cancelled:
            return False
        except (InputError, OSError) as error:
            show_error(self._widget(), error, QCoreApplication.translate("MainWindow", "The plan was not saved"))
            return False
        self.settings.add_recent_file(path)
        self._show_message(QCoreApplication.translate("MainWindow", "Saved %1").replace("%1", str(path)))
        return True


def holder_text(path: Path, holder: LockInfo) -> str:
    """Who holds the plan, in words."""
    if holder.is_mine():
        return QCoreApplication.translate("MainWindow", "“%1” is already open in another window of RedCat Planner.").replace("%1", path.name)
    if holder.pid < 0:
        return QCoreApplication.translate("MainWindow", "“%1” is locked, but the lock file %2 cannot be read.").replace("%1", path.name).replace(
            "%2", f".~{path.name}.lock")
    return (QCoreApplication.translate("MainWindow", "“%1” is open by %2 on %3 (process %4) since %5.").replace("%1", path.name)
            .replace("%2", holder.user).replace("%3", holder.host).replace("%4", str(holder.pid))
            .replace("%5", holder.time.replace("T", " ")))


def ask_restore(parent: QWidget | None, entry: RecoveryEntry) -> bool | None:
    """Ask whether to restore `entry`: True restore, False discard it, None keep it for later."""
    where = entry.original_path or QCoreApplication.translate("Recovery", "never saved")
    text = QCoreApplication.translate(
        "Recovery", "RedCat Planner did not close properly. Unsaved work on “%1” (%2) was autosaved at %3. "
                    "Restore it?")
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Recovery", "Restore unsaved work?"),
                      text.replace("%1", entry.plan_name).replace("%2", where).replace("%3", entry.saved_at),
                      parent=parent)
    restore = box.addButton(QCoreApplication.translate("Recovery", "Restore"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("Recovery", "Discard"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is restore:
        return True
    if box.clickedButton() is discard:
        return False
    return None
