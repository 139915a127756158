<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BulkEditDialog</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/bulk_edit.py" line="+37" />
        <source>Change the %n selected note(s):</source>
        <translation>
            <numerusform>Change the %n selected note:</numerusform>
            <numerusform>Change the %n selected notes:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message numerus="yes">
        <source>%1 to %2: %n day(s)</source>
        <translation>
            <numerusform>%1 to %2: %n day</numerusform>
            <numerusform>%1 to %2: %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/import_pages.py" line="+294" />
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Problems in %n cell(s) of the rows shown, marked in red: point at a cell to see what is wrong.</source>
        <translation>
            <numerusform>Problems in %n cell of the rows shown, marked in red: point at a cell to see what is wrong.</numerusform>
            <numerusform>Problems in %n cells of the rows shown, marked in red: point at a cell to see what is wrong.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FitDialog</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/fit_dialog.py" line="+104" />
        <source>Fitted lifts beside the current ones (each with its P10–P90). Accept replaces the %n fitted row(s) in one step that Undo reverts; rows without enough history keep their current lifts.</source>
        <translation>
            <numerusform>Fitted lifts beside the current ones (each with its P10–P90). Accept replaces the %n fitted row in one step that Undo reverts; rows without enough history keep their current lifts.</numerusform>
            <numerusform>Fitted lifts beside the current ones (each with its P10–P90). Accept replaces the %n fitted rows in one step that Undo reverts; rows without enough history keep their current lifts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+62" />
        <source>fitted: %n note(s)</source>
        <translation>
            <numerusform>fitted: %n note</numerusform>
            <numerusform>fitted: %n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/kpis.py" line="+97" />
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiftsTableModel</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/lifts_model.py" line="+197" />
        <source>Fitted from history: %n note(s)</source>
        <translation>
            <numerusform>Fitted from history: %n note</numerusform>
            <numerusform>Fitted from history: %n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n note(s) of this plan use this row</source>
        <translation>
            <numerusform>%n note of this plan use this row</numerusform>
            <numerusform>%n notes of this plan use this row</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiftsView</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/lifts_view.py" line="+183" />
        <source>Remove %n lift row(s)</source>
        <translation>
            <numerusform>Remove %n lift row</numerusform>
            <numerusform>Remove %n lift rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../planner/gui/main_window.py" line="+183" />
        <source>%n note(s) selected, budget %1</source>
        <translation>
            <numerusform>%n note selected, budget %1</numerusform>
            <numerusform>%n notes selected, budget %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/notes_view.py" line="+214" />
        <source>Lock %n note(s)</source>
        <translation>
            <numerusform>Lock %n note</numerusform>
            <numerusform>Lock %n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Unlock %n note(s)</source>
        <translation>
            <numerusform>Unlock %n note</numerusform>
            <numerusform>Unlock %n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>Set the budget of %n note(s)</source>
        <translation>
            <numerusform>Set the budget of %n note</numerusform>
            <numerusform>Set the budget of %n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Scale the budget of %n note(s)</source>
        <translation>
            <numerusform>Scale the budget of %n note</numerusform>
            <numerusform>Scale the budget of %n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PacingChart</name>
    <message numerus="yes">
        <source>… and %n more problem(s)</source>
        <translation>
            <numerusform>… and %n more problem</numerusform>
            <numerusform>… and %n more problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PacingView</name>
    <message numerus="yes">
        <source>%1 to %2: %n day(s), %3 planned</source>
        <translation>
            <numerusform>%1 to %2: %n day, %3 planned</numerusform>
            <numerusform>%1 to %2: %n days, %3 planned</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message numerus="yes">
        <location filename="../../planner/gui/errors.py" line="+51" />
        <source>%n problem(s) must be fixed first:</source>
        <translation>
            <numerusform>%n problem must be fixed first:</numerusform>
            <numerusform>%n problems must be fixed first:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/import_wizard.py" line="+132" />
        <source>No problems: all %n row(s) can be imported.</source>
        <translation>
            <numerusform>No problems: all %n row can be imported.</numerusform>
            <numerusform>No problems: all %n rows can be imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>in %n row(s).</source>
        <translation>
            <numerusform>in %n row.</numerusform>
            <numerusform>in %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>Leave out the %n row(s) with problems</source>
        <translation>
            <numerusform>Leave out the %n row with problems</numerusform>
            <numerusform>Leave out the %n rows with problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <location line="+60" />
        <source>%n note(s) will be imported from %1.</source>
        <translation>
            <numerusform>%n note will be imported from %1.</numerusform>
            <numerusform>%n notes will be imported from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n history row(s) will be used to fit lifts</source>
        <translation>
            <numerusform>%n history row will be used to fit lifts</numerusform>
            <numerusform>%n history rows will be used to fit lifts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n row(s) with problems will be left out:</source>
        <translation>
            <numerusform>%n row with problems will be left out:</numerusform>
            <numerusform>%n rows with problems will be left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>Replace the plan's %n note(s)</source>
        <translation>
            <numerusform>Replace the plan's %n note</numerusform>
            <numerusform>Replace the plan's %n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16" />
        <source>%n note id(s) of this file are in the plan already: %1. Choose Replace or Update, or give these notes other ids in the file.</source>
        <translation>
            <numerusform>%n note id of this file are in the plan already: %1. Choose Replace or Update, or give these notes other ids in the file.</numerusform>
            <numerusform>%n note ids of this file are in the plan already: %1. Choose Replace or Update, or give these notes other ids in the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new note(s) will be added.</source>
        <translation>
            <numerusform>%n new note will be added.</numerusform>
            <numerusform>%n new notes will be added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) of the plan will be updated</source>
        <translation>
            <numerusform>%n note of the plan will be updated</numerusform>
            <numerusform>%n notes of the plan will be updated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExcelDialogs</name>
    <message numerus="yes">
        <source>%n change(s) will be applied as one step (Undo reverts it):</source>
        <translation>
            <numerusform>%n change will be applied as one step (Undo reverts it):</numerusform>
            <numerusform>%n changes will be applied as one step (Undo reverts it):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s)</source>
        <translation>
            <numerusform>Apply %n change</numerusform>
            <numerusform>Apply %n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply %n edit(s) from %1</source>
        <translation>
            <numerusform>Apply %n edit from %1</numerusform>
            <numerusform>Apply %n edits from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) in the workbook are NOT read back (make them in the app):</source>
        <translation>
            <numerusform>%n edit in the workbook is NOT read back (make it in the app):</numerusform>
            <numerusform>%n edits in the workbook are NOT read back (make them in the app):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message numerus="yes">
        <source>(%n notes)</source>
        <translation>
            <numerusform>(%n note)</numerusform>
            <numerusform>(%n notes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WarningsPanel</name>
    <message numerus="yes">
        <source>%n warning(s): each says what to check. Click a note's to show it in the table.</source>
        <translation>
            <numerusform>%n warning: it says what to check. Click a note's to show it in the table.</numerusform>
            <numerusform>%n warnings: each says what to check. Click a note's to show it in the table.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDerivedPage</name>
    <message numerus="yes">
        <source>Reading %n file(s)…</source>
        <translation>
            <numerusform>Reading %n file…</numerusform>
            <numerusform>Reading %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n history row(s)</source>
        <translation>
            <numerusform>%n history row</numerusform>
            <numerusform>%n history rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n actuals row(s)</source>
        <translation>
            <numerusform>%n actuals row</numerusform>
            <numerusform>%n actuals rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n problem(s) to fix in the files, or leave those rows out.</source>
        <translation>
            <numerusform>: %n problem to fix in the files, or leave those rows out.</numerusform>
            <numerusform>: %n problems to fix in the files, or leave those rows out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanSession</name>
    <message numerus="yes">
        <source>Reading %n file(s)…</source>
        <translation>
            <numerusform>Reading %n file…</numerusform>
            <numerusform>Reading %n files…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tracking</name>
    <message numerus="yes">
        <source>%n note-day(s) added</source>
        <translation>
            <numerusform>%n note-day added</numerusform>
            <numerusform>%n note-days added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note-day(s) replaced (imported before)</source>
        <translation>
            <numerusform>%n note-day replaced (imported before)</numerusform>
            <numerusform>%n note-days replaced (imported before)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuardrailsDialog</name>
    <message numerus="yes">
        <source>History: %1, %2 row(s)</source>
        <translation>
            <numerusform>History: %1, %2 row</numerusform>
            <numerusform>History: %1, %2 rows</numerusform>
        </translation>
    </message>
</context>
</TS>
