"""Opening, saving and importing, for the main window (a mixin: these are MainWindow's methods).

Opening a plan resets the undo history and takes the plan's lock file; work autosaved before a crash
is restored as unsaved changes under that lock; saving is the core's atomic save; an import is one
undoable step. Every failure is shown with the core's words (errors.show_error).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner.gui.document import Change, PlanDocument
from planner.gui.errors import show_error
from planner.gui.recovery import Autosaver, ask_restore, live_files
from planner.gui.settings import Settings
from planner.io.locks import LockInfo, PlanLock, acquire
from planner.io.planfile import load_plan, save_plan
from planner.io.recovery import RecoveryEntry, load_recovery, original_of, pending_recoveries, recoveries_of
from planner.model.errors import InputError
from planner.model.plan import Plan, new_plan
from planner.resources import resource_path

PLAN_SUFFIX = ".rcplan"
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")



def empty_plan() -> Plan:
    """A plan with no notes, the article's lifts and default parameters."""
    import pandas as pd

    from planner.model.notes import NOTE_FIELDS

    return new_plan(pd.DataFrame(columns=list(NOTE_FIELDS)))


class FileOpsMixin:
    """Plan files for MainWindow: new, open (with lock), save / save as, recent files, demo."""

    document: PlanDocument
    undo_stack: QUndoStack
    settings: Settings
    autosaver: Autosaver
    lock: PlanLock | None
    read_only: bool

    def _widget(self) -> QWidget:
        return self  # type: ignore[return-value]

    def _after_session_change(self) -> None:  # MainWindow updates its title and recent-files menu
        raise NotImplementedError

    def set_session(self, plan: Plan, path: Path | None, lock: PlanLock | None = None,
                    read_only: bool = False, unsaved: bool = False) -> None:
        """Show `plan` as the window's plan: undo history cleared, `unsaved` marks restored work modified."""
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock, self.read_only = lock, read_only
        self.undo_stack.clear()
        self.document.replace_plan(plan, Change("plan"))
        self.document.set_path(path)
        if unsaved:
            self.undo_stack.resetClean()
        self.autosaver.discard()
        self._after_session_change()

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
            self.set_session(empty_plan(), None)

    def open_demo(self) -> bool:
        """The built-in demo plan, as an untitled plan (saving asks where: the package is not a folder to write)."""
        if not self.maybe_save():
            return False
        try:
            plan = load_plan(resource_path("demo.rcplan"))
        except (InputError, OSError) as error:
            show_error(self._widget(), error)
            return False
        self.set_session(plan, None)
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
        lock, holder = acquire(path) if path.exists() else (None, None)
        read_only = False
        if lock is None and holder is not None:
            if not self.ask_open_read_only(path, holder):
                return False
            read_only = True
        if not self._offer_recovery_of(path, lock, read_only):
            try:
                plan = load_plan(path)
            except (InputError, OSError) as error:
                if lock is not None:
                    lock.release()
                show_error(self._widget(), error)
                return False
            self.set_session(plan, path, lock, read_only)
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path)
        return True

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
        for entry in pending_recoveries(self.autosaver.path.parent, live_files()):
            if self.document.path is not None and original_of(entry) == self.document.path:
                continue
            answer = ask_restore(self._widget(), entry)
            if answer is True and self.restore_recovery(entry):
                return True
            if answer is False:
                entry.path.unlink(missing_ok=True)
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
        original = original_of(entry)
        lock, read_only = None, False
        if original is not None and self.lock is not None and self.lock.plan_path.resolve() == original:
            lock = self.lock  # this window has the plan open already: its lock is the one to keep
        elif original is not None:
            lock, holder = acquire(original)
            if lock is None and holder is not None:
                if not self.ask_restore_read_only(original, holder):
                    return False
                read_only = True
        self._show_recovered(entry, plan, original, lock, read_only)
        return True

    def _offer_recovery_of(self, path: Path, lock: PlanLock | None, read_only: bool) -> bool:
        """While opening `path`: offer its autosaved work; True when restored (with the lock just taken)."""
        for entry in recoveries_of(path, self.autosaver.path.parent, live_files()):
            answer = ask_restore(self._widget(), entry)
            if answer is True:
                plan = self._load_recovered(entry)
                if plan is not None:
                    self._show_recovered(entry, plan, path, lock, read_only)
                    return True
            elif answer is False:
                entry.path.unlink(missing_ok=True)
        return False

    def _load_recovered(self, entry: RecoveryEntry) -> Plan | None:
        try:
            return load_recovery(entry)[0]
        except (InputError, OSError) as error:
            show_error(self._widget(), error, QCoreApplication.translate("MainWindow", "The autosaved plan cannot be read"))
            return None

    def _show_recovered(self, entry: RecoveryEntry, plan: Plan, path: Path | None, lock: PlanLock | None,
                        read_only: bool) -> None:
        """The recovered plan as the window's unsaved work, protected by this window's autosave at once."""
        self.set_session(plan, path, lock, read_only, unsaved=True)
        self.autosaver.save_now()
        entry.path.unlink(missing_ok=True)

    def ask_restore_read_only(self, path: Path, holder: LockInfo) -> bool:
        """The plan of recovered work is in use: True to restore it read-only, False to keep it for later."""
        text = holder_text(path, holder) + "\n\n" + QCoreApplication.translate(
            "MainWindow", "The unsaved work can be restored read-only (Save then asks for a new name) or kept "
                          "for later.")
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("MainWindow", "Plan in use"), text,
                          parent=self._widget())
        read_only = box.addButton(QCoreApplication.translate("MainWindow", "Restore read-only"),
                                  QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QCoreApplication.translate("MainWindow", "Keep for later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is read_only

    def save(self) -> bool:
        if self.document.path is None or self.read_only:
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
        lock = self.lock
        if path != self.document.path or lock is None:
            lock, holder = acquire(path)
            if lock is None and holder is not None and not holder.is_mine():
                QMessageBox.warning(self._widget(), QCoreApplication.translate("MainWindow", "Plan in use"), holder_text(path, holder))
                return False
        if not self._write(path):
            if lock is not None and lock is not self.lock:
                lock.release()
            return False
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock, self.read_only = lock, False
        self.document.set_path(path)
        self.settings.set_last_folder(path)
        self._after_session_change()
        return True

    def _write(self, path: Path) -> bool:
        try:
            save_plan(self.document.plan, path)
        except (InputError, OSError) as error:
            show_error(self._widget(), error, QCoreApplication.translate("MainWindow", "The plan was not saved"))
            return False
        self.undo_stack.setClean()
        self.autosaver.discard()
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Saved %1").replace("%1", str(path)), 5000)  # type: ignore[attr-defined]
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
