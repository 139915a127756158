<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Autosaver</name>
    <message>
        <source>Autosaving</source>
        <translation>正在自动保存</translation>
    </message>
</context>
<context>
    <name>BudgetChart</name>
    <message>
        <location filename="../../planner/gui/charts/budget_chart.py" line="+78" />
        <source>No note has a budget yet: set budgets in the table or optimise.</source>
        <translation>还没有笔记分配预算：请在表格中设置预算或运行优化。</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Budget by note (top {shown} of {total})</source>
        <translation>各笔记预算（前 {shown} / 共 {total}）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Brand</source>
        <translation>品牌方</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Platform</source>
        <translation>平台</translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message>
        <location filename="../../planner/gui/views/bulk_edit.py" line="+35" />
        <source>Bulk edit</source>
        <translation>批量编辑</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Change the %n selected note(s):</source>
        <translation>
            <numerusform>修改选中的 %n 篇笔记：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>Set budget to</source>
        <translation>预算设为</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Scale budgets by</source>
        <translation>预算按比例调整为</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Lock (the optimiser keeps their budgets)</source>
        <translation>锁定（优化时保持其预算不变）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+4" />
        <source>100% keeps budgets as they are; 110% adds a tenth; 50% halves them</source>
        <translation>100% 保持不变；110% 增加一成；50% 减半</translation>
    </message>
    <message>
        <source>Budgets are rounded to the plan's budget step of %1.</source>
        <translation>预算按方案的预算步长 %1 取整。</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>No calendar was read from %1:</source>
        <translation>未能从 %1 读取日历：</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>从这里开始</translation>
    </message>
    <message>
        <source>Use this preset</source>
        <translation>使用此预设</translation>
    </message>
    <message>
        <source>Replace the plan's calendar by the preset (undo brings yours back)</source>
        <translation>用预设替换计划的活动日历（撤销可恢复原日历）</translation>
    </message>
    <message>
        <source>Import calendar table…</source>
        <translation>导入日历表…</translation>
    </message>
    <message>
        <source>A CSV or XLSX table with the columns phase, start, end, weight, shape (阶段 开始 结束 权重 节奏)</source>
        <translation>含以下列的 CSV 或 XLSX 表：阶段、开始、结束、权重、节奏（phase, start, end, weight, shape）</translation>
    </message>
    <message>
        <source>Clear calendar</source>
        <translation>清除日历</translation>
    </message>
    <message>
        <source>The plan without a campaign calendar (no daily pacing)</source>
        <translation>让计划不带活动日历（没有每日投放节奏）</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>The plan's campaign calendar</source>
        <translation>计划的活动日历</translation>
    </message>
    <message>
        <source>Add phase</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <source>Remove phase</source>
        <translation>删除阶段</translation>
    </message>
    <message>
        <source>Remove the selected phase; its days go to the phase before it</source>
        <translation>删除选中的阶段，它的日期并入前一个阶段</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Drop the changes not applied yet: the calendar as the plan has it</source>
        <translation>放弃尚未应用的修改，恢复为计划中的日历</translation>
    </message>
    <message>
        <source>Where its dates come from: %1</source>
        <translation>日期来源：%1</translation>
    </message>
    <message>
        <source>The plan has no campaign calendar yet: use a preset, import a calendar table or add phases. Daily pacing needs one.</source>
        <translation>计划还没有活动日历：请使用预设、导入日历表或添加阶段。每日投放节奏需要活动日历。</translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2: %n day(s)</source>
        <translation>
            <numerusform>%1 至 %2：共 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit the campaign calendar</source>
        <translation>编辑活动日历</translation>
    </message>
    <message>
        <source>calendar</source>
        <translation>活动日历</translation>
    </message>
    <message>
        <source>Use the calendar %1</source>
        <translation>使用日历 %1</translation>
    </message>
    <message>
        <source>Clear the campaign calendar</source>
        <translation>清除活动日历</translation>
    </message>
    <message>
        <source>Import a calendar table</source>
        <translation>导入日历表</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx *.tsv *.txt)</source>
        <translation>表格 (*.csv *.xlsx *.tsv *.txt)</translation>
    </message>
    <message>
        <source>Import the calendar %1</source>
        <translation>导入日历 %1</translation>
    </message>
</context>
<context>
    <name>ChartBase</name>
    <message>
        <location filename="../../planner/gui/charts/base.py" line="+117" />
        <source>Save chart as PNG</source>
        <translation>将图表保存为 PNG</translation>
    </message>
    <message>
        <location line="+2" />
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Save as PNG</source>
        <translation>保存为 PNG</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <location filename="../../planner/gui/charts/panel.py" line="+79" />
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Response curve</source>
        <translation>响应曲线</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Funnel</source>
        <translation>漏斗</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Frontier</source>
        <translation>有效前沿</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Save as PNG…</source>
        <translation>保存为 PNG…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save the chart shown as a PNG image</source>
        <translation>将当前图表保存为 PNG 图片</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Loading charts…</source>
        <translation>正在加载图表…</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../planner/gui/views/import_pages.py" line="+216" />
        <source>Preview and columns</source>
        <translation>预览与列</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Meaning in this app</source>
        <translation>在本应用中的含义</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Rates are read as this app defines them: interaction rate (互动率) per impression, not per click; CPM (千次曝光成本) per 1,000 impressions, not per 1,000 people reached. Convert a report that counts differently before importing; point at a field for its definition.</source>
        <translation>比率按本应用的定义读取：互动率按每次曝光计，不按点击计；千次曝光成本按每1,000次曝光计，不按每1,000位触达人数计。口径不同的报表请先换算再导入；鼠标指向字段可查看其定义。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>One row per note and period (base 日常/基线, or joint 联投) with its counts; the fitting divides sums of these counts (interactions per impression, store visits per click), so give counts, not rates.</source>
        <translation>每篇笔记每个周期（日常/基线，或联投）一行，填写次数；拟合时用这些次数的合计相除（每次曝光的互动、每次点击的进店），所以请填次数，不要填比率。</translation>
    </message>
    <message>
        <location line="+48" />
        <source>%1 cannot be imported:</source>
        <translation>%1 无法导入：</translation>
    </message>
    <message>
        <location line="+8" />
        <source>comma-separated</source>
        <translation>逗号分隔</translation>
    </message>
    <message>
        <location line="+0" />
        <source>tab-separated</source>
        <translation>制表符分隔</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13" />
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <location line="+18" />
        <source>(keep as extra column)</source>
        <translation>（作为附加列保留）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Required fields not given by any column: %1</source>
        <translation>以下必填字段没有对应的列：%1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>recognised</source>
        <translation>已识别</translation>
    </message>
    <message>
        <location line="+0" />
        <source>not recognised</source>
        <translation>未识别</translation>
    </message>
    <message>
        <location line="+2" />
        <source>as in an earlier import</source>
        <translation>沿用之前导入时的选择</translation>
    </message>
    <message>
        <location line="+2" />
        <source>chosen</source>
        <translation>已选择</translation>
    </message>
    <message>
        <location line="+2" />
        <source>kept beside the notes; the plan does not use it</source>
        <translation>随笔记保留；计划不使用它</translation>
    </message>
    <message>
        <location line="+0" />
        <source>(extra)</source>
        <translation>（附加）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location line="+0" />
        <source>(ignored)</source>
        <translation>（已忽略）</translation>
    </message>
    <message numerus="yes">
        <source>Problems in %n cell(s) of the rows shown, marked in red: point at a cell to see what is wrong.</source>
        <translation>
            <numerusform>所显示的行中有 %n 个单元格有问题，已标为红色：鼠标停在单元格上可以看到原因。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Duplicate scenario %1 as %2</source>
        <translation>复制情景 %1 为 %2</translation>
    </message>
    <message>
        <source>Add scenario %1</source>
        <translation>新增情景 %1</translation>
    </message>
    <message>
        <source>Rename scenario %1 to %2</source>
        <translation>将情景 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>Delete scenario %1</source>
        <translation>删除情景 %1</translation>
    </message>
    <message>
        <source>Switch to scenario %1</source>
        <translation>切换到情景 %1</translation>
    </message>
    <message>
        <source>Set the lift scale of %1 to %2</source>
        <translation>将 %1 的提升率系数设为 %2</translation>
    </message>
    <message>
        <source>Import actuals from %1</source>
        <translation>从 %1 导入实际数据</translation>
    </message>
    <message>
        <source>Re-plan the rest of %1 as %2</source>
        <translation>将 %1 的剩余投放调整为 %2</translation>
    </message>
    <message>
        <source>Change when the guardrails warn</source>
        <translation>修改预警设置</translation>
    </message>
</context>
<context>
    <name>CompareTotalsModel</name>
    <message>
        <source>(base)</source>
        <translation>（基准）</translation>
    </message>
    <message>
        <source>%1 minus %2 (the base)</source>
        <translation>%1 减去 %2（基准）</translation>
    </message>
    <message>
        <source>%1 minus %2, as a percentage of %2</source>
        <translation>%1 减去 %2，占 %2 的百分比</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>The scenario the others are compared with</source>
        <translation>其他情景与之比较的情景</translation>
    </message>
    <message>
        <source>Base scenario:</source>
        <translation>基准情景：</translation>
    </message>
    <message>
        <source>Notes whose budgets differ most from the base</source>
        <translation>预算与基准情景差异最大的笔记</translation>
    </message>
    <message>
        <source>The scenarios cannot be compared: %1</source>
        <translation>无法比较这些情景：%1</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>Not compared yet.</source>
        <translation>尚未比较。</translation>
    </message>
    <message>
        <source>No note's budget differs between the scenarios.</source>
        <translation>各情景之间没有笔记的预算不同。</translation>
    </message>
</context>
<context>
    <name>Comparisons</name>
    <message>
        <source>Comparing the scenarios…</source>
        <translation>正在比较各情景…</translation>
    </message>
</context>
<context>
    <name>DailyModel</name>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Day weight</source>
        <translation>当日权重</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>投放金额</translation>
    </message>
    <message>
        <source>Cumulative spend</source>
        <translation>累计投放</translation>
    </message>
    <message>
        <source>Share of budget</source>
        <translation>累计占预算</translation>
    </message>
    <message>
        <source>The day's part of the campaign's weight (MODEL.md section 9): its share of the money of notes active all campaign</source>
        <translation>当天在整个活动权重中所占的份额（MODEL.md 第 9 节）：全程投放的笔记在这一天花掉的预算比例</translation>
    </message>
    <message>
        <source>Planned spend that day: brand and platform money together</source>
        <translation>当天计划投放的金额：品牌方与平台出资合计</translation>
    </message>
    <message>
        <source>Spend up to and including the day, as a part of all the budgets</source>
        <translation>截至当天（含当天）的累计投放占全部预算的比例</translation>
    </message>
</context>
<context>
    <name>DifferingNotesModel</name>
    <message>
        <source>Largest difference</source>
        <translation>最大差额</translation>
    </message>
    <message>
        <source>%1 budget</source>
        <translation>%1 预算</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../planner/gui/errors.py" line="+95" />
        <source>Cannot optimise</source>
        <translation>无法优化</translation>
    </message>
    <message>
        <location line="+3" />
        <source>File error</source>
        <translation>文件错误</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Something went wrong: %1: %2

Your plan is still open; saving it under a new name is safest. The details were written to:
%3</source>
        <translation>出现了问题：%1：%2

你的计划仍然打开着；最稳妥的做法是另存为新文件。详细信息已写入：
%3</translation>
    </message>
</context>
<context>
    <name>ExcelDialogs</name>
    <message>
        <location filename="../../planner/gui/views/edits_preview.py" line="+44" />
        <source>, row %1</source>
        <translation>，第 %1 行</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sheet %1</source>
        <translation>工作表 %1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>, column %1</source>
        <translation>，列 %1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Note or industry</source>
        <translation>笔记或行业</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <location line="+16" />
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Apply edits from %1</source>
        <translation>应用 %1 中的修改</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n change(s) will be applied as one step (Undo reverts it):</source>
        <translation>
            <numerusform>%n 处修改将作为一步应用（可撤销）：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1" />
        <source>No changes: the workbook's budgets, locks and lifts are those of the plan.</source>
        <translation>没有修改：工作簿中的预算、锁定和提升率与方案一致。</translation>
    </message>
    <message numerus="yes">
        <location line="+12" />
        <source>Apply %n change(s)</source>
        <translation>
            <numerusform>应用 %n 处修改</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../planner/gui/views/excel_dialogs.py" line="+39" />
        <source>Excel workbook, 中文 (*.xlsx)</source>
        <translation>Excel 工作簿，中文 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Excel workbook, English (*.xlsx)</source>
        <translation>Excel 工作簿，英文 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+46" />
        <location line="+45" />
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location line="-45" />
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Export cancelled: no workbook was written.</source>
        <translation>已取消导出：未写入任何工作簿。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The workbook was not written:</source>
        <translation>工作簿未写入：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Exported to Excel</source>
        <translation>已导出到 Excel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The plan was written to:
%1</source>
        <translation>方案已写入：
%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+46" />
        <location line="+31" />
        <location line="+17" />
        <source>Apply edits from Excel</source>
        <translation>应用 Excel 中的修改</translation>
    </message>
    <message>
        <location line="-48" />
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Nothing was applied from %1:</source>
        <translation>未从 %1 应用任何修改：</translation>
    </message>
    <message>
        <location line="+20" />
        <source>The plan changed while the workbook was being read; nothing was applied. Apply the workbook again.</source>
        <translation>读取工作簿期间方案发生了变化，未应用任何修改。请重新应用该工作簿。</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Apply %n edit(s) from %1</source>
        <translation>
            <numerusform>应用 %1 中的 %n 处修改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) in the workbook are NOT read back (make them in the app):</source>
        <translation>
            <numerusform>工作簿中有 %n 处修改不会读回（请在应用中修改）：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../planner/gui/views/notes_filter.py" line="+22" />
        <source>Search id, title or creator (Ctrl+F)</source>
        <translation>搜索笔记ID、标题或达人 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Show the notes of one industry</source>
        <translation>只显示一个行业的笔记</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Eligible</source>
        <translation>可联投</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Not eligible</source>
        <translation>不可联投</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Eligible or not</source>
        <translation>全部（联投与否）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Eligible for joint investment: joint investment on and a Taobao link</source>
        <translation>可参与联投：计划开启联投且笔记已挂链</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Not locked</source>
        <translation>未锁定</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Locked or not</source>
        <translation>全部（锁定与否）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Locked notes keep their budget when optimising</source>
        <translation>锁定的笔记在优化时保持预算不变</translation>
    </message>
    <message>
        <location line="+29" />
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <location line="+23" />
        <source>%1 of %2 notes</source>
        <translation>%1 / %2 篇笔记</translation>
    </message>
    <message>
        <source>With warnings</source>
        <translation>有预警</translation>
    </message>
    <message>
        <source>Show only the notes with a warning (the Warnings panel lists them)</source>
        <translation>只显示有预警的笔记（预警面板列出全部预警）</translation>
    </message>
</context>
<context>
    <name>FitDialog</name>
    <message>
        <location filename="../../planner/gui/views/fit_dialog.py" line="+71" />
        <source>Lifts fitted from %1</source>
        <translation>根据 %1 拟合的提升率</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Report:</source>
        <translation>报告：</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Accept fitted lifts</source>
        <translation>接受拟合的提升率</translation>
    </message>
    <message>
        <location line="+17" />
        <source>No row could be fitted from this history: every industry needs at least 5 notes in each period (base and joint). The report below says what each one had.</source>
        <translation>这份历史数据无法拟合任何一行：每个行业在每个周期（日常和联投）至少需要 5 篇笔记。下方报告列出了各行业的情况。</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Fitted lifts beside the current ones (each with its P10–P90). Accept replaces the %n fitted row(s) in one step that Undo reverts; rows without enough history keep their current lifts.</source>
        <translation>
            <numerusform>拟合的提升率与当前值并排显示（各附 P10–P90）。接受将一步替换拟合的 %n 行，可撤销；历史数据不足的行保留当前提升率。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7" />
        <source>CTR lift</source>
        <translation>点击率提升</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Interaction lift</source>
        <translation>互动率提升</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Store-entry lift</source>
        <translation>进店率提升</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+2" />
        <source>now</source>
        <translation>当前值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>fitted</source>
        <translation>拟合值</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+3" />
        <source>(default row)</source>
        <translation>（默认行）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+28" />
        <source>kept (not in the history)</source>
        <translation>保留（历史数据中没有）</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>fitted: %n note(s)</source>
        <translation>
            <numerusform>已拟合：%n 篇笔记</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>kept: a rate with a zero denominator</source>
        <translation>保留：某个比率的分母为零</translation>
    </message>
    <message>
        <location line="+2" />
        <source>kept: no history</source>
        <translation>保留：没有历史数据</translation>
    </message>
    <message>
        <location line="+1" />
        <source>kept: too few notes (%1 base, %2 joint)</source>
        <translation>保留：笔记太少（日常 %1 篇，联投 %2 篇）</translation>
    </message>
    <message>
        <source>Treat these fitted lifts with care; you may accept them, or keep the current ones until more history comes in:</source>
        <translation>以下拟合的提升率请谨慎使用：可以接受，也可以在有更多历史数据之前保留当前值：</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>FrontierChart</name>
    <message>
        <location filename="../../planner/gui/charts/frontier_chart.py" line="+70" />
        <source>Best possible (optimised)</source>
        <translation>最优（优化后）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Optimum at the brand budget</source>
        <translation>品牌预算下的最优点</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Today's plan</source>
        <translation>当前计划</translation>
    </message>
    <message>
        <location line="+64" />
        <source>No efficient frontier for this plan:
{error}</source>
        <translation>无法为此计划计算有效前沿：
{error}</translation>
    </message>
    <message>
        <location line="+19" />
        <source>clicks</source>
        <translation>点击</translation>
    </message>
    <message>
        <location line="+0" />
        <source>interactions</source>
        <translation>互动</translation>
    </message>
    <message>
        <location line="+1" />
        <source>store visits</source>
        <translation>进店</translation>
    </message>
    <message>
        <location line="+0" />
        <source>orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+0" />
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Best {objective} for each brand budget</source>
        <translation>各品牌预算下的最优{objective}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>(updating…)</source>
        <translation>（更新中…）</translation>
    </message>
    <message>
        <source>Computing the efficient frontier…</source>
        <translation>正在计算有效前沿…</translation>
    </message>
    <message>
        <source>Other scenarios</source>
        <translation>其他情景</translation>
    </message>
</context>
<context>
    <name>FunnelChart</name>
    <message>
        <location filename="../../planner/gui/charts/funnel_chart.py" line="+59" />
        <source>Impressions</source>
        <translation>曝光</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Clicks</source>
        <translation>点击</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Store visits</source>
        <translation>进店</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interactions</source>
        <translation>互动</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Funnel of the whole plan (log scale)</source>
        <translation>整个计划的漏斗（对数刻度）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The plan reaches no one yet: give some notes a budget.</source>
        <translation>计划还没有任何曝光：请给笔记分配预算。</translation>
    </message>
    <message>
        <location line="+37" />
        <source>CTR</source>
        <translation>点击率</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Entry rate</source>
        <translation>进店率</translation>
    </message>
    <message>
        <location line="+0" />
        <source>CVR</source>
        <translation>转化率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interaction rate</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location line="+10" />
        <source>{name} {rate}</source>
        <translation>{name} {rate}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../planner/gui/views/import_wizard.py" line="+258" />
        <source>Import notes: %1</source>
        <translation>导入笔记：%1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Import history: %1</source>
        <translation>导入历史数据：%1</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Re-read file</source>
        <translation>重新读取文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Use this history</source>
        <translation>使用这份历史数据</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Add notes from %1</source>
        <translation>从 %1 添加笔记</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Import notes from %1</source>
        <translation>从 %1 导入笔记</translation>
    </message>
    <message>
        <source>Update notes from %1</source>
        <translation>从 %1 更新笔记</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>Already under way: %1</source>
        <translation>已在进行：%1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel this job (Esc)</source>
        <translation>取消此任务（Esc）</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message numerus="yes">
        <location filename="../../planner/gui/views/kpis.py" line="+97" />
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n 篇笔记</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1" />
        <source>of %1 brand budget</source>
        <translation>品牌预算 %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>brand ROI %1</source>
        <translation>品牌ROI %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>joint investment off</source>
        <translation>未开启联投</translation>
    </message>
    <message>
        <location line="+2" />
        <source>no cap</source>
        <translation>无上限</translation>
    </message>
    <message>
        <location line="+2" />
        <source>cap %1</source>
        <translation>上限 %1</translation>
    </message>
    <message>
        <source>Brand cost is %1 over the brand budget of %2.</source>
        <translation>品牌方出资比品牌预算 %2 多出 %1。</translation>
    </message>
    <message>
        <source>Lower some budgets, optimise, or raise the brand budget.</source>
        <translation>请调低部分预算、重新优化，或提高品牌预算。</translation>
    </message>
    <message>
        <source>%1 over the brand budget</source>
        <translation>超出品牌预算 %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>budget %1</source>
        <translation>品牌预算 %1</translation>
    </message>
    <message>
        <source>over by %1</source>
        <translation>超出预算 %1</translation>
    </message>
    <message>
        <source>with fees %1</source>
        <translation>含合作费 %1</translation>
    </message>
    <message>
        <source>ROI %1, brand %2</source>
        <translation>ROI %1，品牌方 %2</translation>
    </message>
    <message>
        <source>Brand cost and creator fees are %1 over the brand budget of %2.</source>
        <translation>品牌方出资加合作费比品牌预算 %2 多出 %1。</translation>
    </message>
</context>
<context>
    <name>LiftsTableModel</name>
    <message>
        <location filename="../../planner/gui/views/lifts_model.py" line="+189" />
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Article figure (淘宝×小红书, 2025)</source>
        <translation>文章数据（淘宝×小红书，2025）</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>Fitted from history: %n note(s)</source>
        <translation>
            <numerusform>根据历史数据拟合：%n 篇笔记</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>Typed</source>
        <translation>手动输入</translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>%n note(s) of this plan use this row</source>
        <translation>
            <numerusform>本计划有 %n 篇笔记使用这一行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>Serves every industry without a row of its own. </source>
        <translation>用于所有没有单独一行的行业。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Double-click to type a new lift (25% or 0.25).</source>
        <translation>双击输入新的提升率（25% 或 0.25）。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Distinct notes of the history table this row was fitted from.</source>
        <translation>拟合这一行所用的历史数据中不同笔记的数量。</translation>
    </message>
    <message>
        <location line="+30" />
        <source>lift of %1</source>
        <translation>%1的提升率</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Edit %1 of %2</source>
        <translation>编辑%2的%1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+0" />
        <source>CTR lift</source>
        <translation>点击率提升</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Interaction lift</source>
        <translation>互动率提升</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Store-entry lift</source>
        <translation>进店率提升</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes</source>
        <translation>笔记数</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1" />
        <source>P10–P90</source>
        <translation>P10–P90</translation>
    </message>
    <message>
        <location line="+6" />
        <source>CTR lift: raises clicks per impression. An eligible note's CTR becomes min(1, CTR × (1 + lift)).</source>
        <translation>点击率提升：提高每次曝光的点击数。符合联投条件的笔记，点击率变为 min(1, 点击率 × (1 + 提升率))。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Interaction lift: raises interactions per impression. An eligible note's interaction rate becomes min(1, rate × (1 + lift)).</source>
        <translation>互动率提升：提高每次曝光的互动数。符合联投条件的笔记，互动率变为 min(1, 互动率 × (1 + 提升率))。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Store-entry lift: raises Taobao store visits per click. An eligible note's store-entry rate becomes min(1, rate × (1 + lift)).</source>
        <translation>进店率提升：提高每次点击带来的淘宝进店数。符合联投条件的笔记，进店率变为 min(1, 进店率 × (1 + 提升率))。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Eligible: the plan has joint investment on and the note has a Taobao link; other notes keep their own rates.</source>
        <translation>符合条件：方案开启联投且笔记挂有淘宝链接；其他笔记保持自身的基础比率。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>P10–P90: the 10th and 90th percentiles of the lift. The P10–P90 of orders and GMV draw lifts from this range (from the bootstrap for fitted rows). A typed lift moves its range with it, keeping the range's width.</source>
        <translation>P10–P90：提升率的第 10 和第 90 百分位。订单和成交额的 P10–P90 从该区间抽取提升率（拟合行取自自助抽样）。手动输入的提升率会带着区间一起移动，区间宽度不变。</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The figure published for the Red Cat plan (Taobao/Tmall × Xiaohongshu, May 2025): CTR +20% and interaction rate +109% for every industry, store-entry rate +85% for sports and +41.5% for beauty; no store-entry lift was published for other industries, so it is 0 there. P10–P90 is the figure × 0.5 to × 1.5.</source>
        <translation>红猫计划公布的数据（淘宝天猫 × 小红书，2025 年 5 月）：所有行业点击率 +20%、互动率 +109%；运动行业进店率 +85%，美妆 +41.5%；其他行业未公布进店率提升，因此为 0。P10–P90 为该数值 × 0.5 至 × 1.5。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Fitted from your history table: the joint-period rate over the base-period rate, minus 1; P10–P90 from 1,000 bootstrap resamples of the notes.</source>
        <translation>由你的历史数据拟合：联投期比率除以基线期比率再减 1；P10–P90 来自对笔记的 1,000 次自助重抽样。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Typed by you, in this table or in an exported workbook.</source>
        <translation>由你在本表或导出的工作簿中手动输入。</translation>
    </message>
</context>
<context>
    <name>LiftsView</name>
    <message>
        <location filename="../../planner/gui/views/lifts_view.py" line="+92" />
        <source>Add industry row…</source>
        <translation>添加行业行…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A row of lifts for one industry; until it has one, the default row serves it</source>
        <translation>为某个行业单独设一行提升率；在此之前使用默认行</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove the selected industries' rows: the default row serves them again (the default row itself stays)</source>
        <translation>删除选中行业的行：这些行业重新使用默认行（默认行本身保留）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Reset to article figures</source>
        <translation>恢复为文章数据</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Replace the whole table by the published figures of the Red Cat plan article (undo brings yours back)</source>
        <translation>用红猫计划文章公布的数据替换整张表（撤销可恢复你的数据）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Fit from history…</source>
        <translation>根据历史数据拟合…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fit lifts from a history table of base and joint-investment periods (CSV or XLSX); you see them before they apply</source>
        <translation>根据包含日常和联投周期的历史数据表（CSV 或 XLSX）拟合提升率；应用前可先查看</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Lifts raise the rates of eligible notes (joint investment on and a Taobao link): rate × (1 + lift). The default row serves every industry without a row of its own. Double-click a lift to type a new one (25% or 0.25).</source>
        <translation>提升率作用于可联投的笔记（计划开启联投且笔记已挂链）：比率 × (1 + 提升率)。没有单独一行的行业使用默认行。双击提升率可输入新值（25% 或 0.25）。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Joint investment is off in this plan: no note is lifted.</source>
        <translation>本计划未开启联投：没有笔记获得提升。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Served by the default row: %1.</source>
        <translation>使用默认行：%1。</translation>
    </message>
    <message>
        <location line="+11" />
        <source>The lift was not changed:</source>
        <translation>提升率未更改：</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Add industry row</source>
        <translation>添加行业行</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Industry (a known one, or any text used in the notes):</source>
        <translation>行业（已知行业，或笔记中使用的任意文字）：</translation>
    </message>
    <message>
        <location line="+15" />
        <source>lift table</source>
        <translation>提升率表</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Add lift row %1</source>
        <translation>添加提升率行 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+15" />
        <source>Remove %n lift row(s)</source>
        <translation>
            <numerusform>删除 %n 行提升率</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9" />
        <source>Reset lifts to the article figures</source>
        <translation>将提升率恢复为文章数据</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Fit lifts from a history table</source>
        <translation>根据历史数据表拟合提升率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Fitting lifts from %1…</source>
        <translation>正在根据 %1 拟合提升率…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Lifts cannot be fitted from this history table:</source>
        <translation>无法根据这份历史数据表拟合提升率：</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Fit lifts from %1</source>
        <translation>根据 %1 拟合提升率</translation>
    </message>
    <message>
        <source>Fit from the demo's history</source>
        <translation>用示例计划的历史数据拟合</translation>
    </message>
    <message>
        <source>Fit lifts from the history table of the demo plan, shipped with the app: to see how fitting works before you have history of your own</source>
        <translation>用软件自带的示例计划历史数据拟合提升率：在有自己的历史数据之前，先看看拟合是怎么做的</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../planner/gui/main_window.py" line="+74" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Lifts</source>
        <translation>提升率</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Totals</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Optimise</source>
        <translation>优化</translation>
    </message>
    <message>
        <location line="+63" />
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+4" />
        <source>[read-only]</source>
        <translation>[只读]</translation>
    </message>
    <message numerus="yes">
        <location line="+11" />
        <source>%n note(s) selected, budget %1</source>
        <translation>
            <numerusform>已选 %n 篇笔记，预算 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location line="+2" />
        <source>read-only: Save asks for a new name</source>
        <translation>只读：保存时需另存为新文件</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The new language takes effect when RedCat Planner is started again.</source>
        <translation>新的界面语言将在重新启动红猫投放规划后生效。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>About RedCat Planner</source>
        <translation>关于红猫投放规划</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&lt;h3&gt;RedCat Planner %1&lt;/h3&gt;&lt;p&gt;Plan the boost budgets of Xiaohongshu seeding notes under Taobao/Tmall joint investment: what each note buys, who pays what, and the budgets that buy the most.&lt;/p&gt;&lt;p&gt;Python %2 · Qt for Python %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;红猫投放规划 %1&lt;/h3&gt;&lt;p&gt;在淘宝天猫联投下规划小红书种草笔记的加热预算：每篇笔记能带来什么、品牌方与平台各出资多少，以及怎样分配预算收益最大。&lt;/p&gt;&lt;p&gt;Python %2 · Qt for Python %3&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+19" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location line="+19" />
        <source>The autosaved plan cannot be read</source>
        <translation>无法读取自动保存的计划</translation>
    </message>
    <message>
        <location filename="../../planner/gui/file_ops.py" line="+79" />
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save the changes to “%1”?</source>
        <translation>是否保存对“%1”的更改？</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Open plan</source>
        <translation>打开计划</translation>
    </message>
    <message>
        <location line="+1" />
        <source>RedCat plans (*.rcplan);;All files (*)</source>
        <translation>红猫计划 (*.rcplan);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+29" />
        <location line="+26" />
        <source>Plan in use</source>
        <translation>计划正在使用中</translation>
    </message>
    <message>
        <location line="-24" />
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>The unsaved work can be restored read-only (Save then asks for a new name) or kept for later.</source>
        <translation>未保存的工作可以以只读方式恢复（保存时将要求另存为新名称），也可以留待以后再恢复。</translation>
    </message>
    <message>
        <source>Restore read-only</source>
        <translation>以只读方式恢复</translation>
    </message>
    <message>
        <source>Keep for later</source>
        <translation>留待以后</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Save plan as</source>
        <translation>计划另存为</translation>
    </message>
    <message>
        <location line="+1" />
        <source>RedCat plans (*.rcplan)</source>
        <translation>红猫计划 (*.rcplan)</translation>
    </message>
    <message>
        <location line="+29" />
        <source>The plan was not saved</source>
        <translation>计划未保存</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>“%1” is already open in another window of RedCat Planner.</source>
        <translation>“%1”已在红猫投放规划的另一个窗口中打开。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>“%1” is locked, but the lock file %2 cannot be read.</source>
        <translation>“%1”已被锁定，但无法读取锁文件 %2。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>“%1” is open by %2 on %3 (process %4) since %5.</source>
        <translation>“%1”正由 %2 在 %3 上打开（进程 %4），打开时间 %5。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/imports.py" line="+53" />
        <source>Import notes table</source>
        <translation>导入笔记表</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Import history table</source>
        <translation>导入历史数据表</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+28" />
        <source>(one plan at a time)</source>
        <translation>（一次只能打开一个计划）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Not opened</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location line="+1" />
        <source>These files were not opened (a plan .rcplan, or a notes or history table .csv/.xlsx, is expected):</source>
        <translation>以下文件未打开（需要计划文件 .rcplan，或笔记表、历史数据表 .csv/.xlsx）：</translation>
    </message>
    <message>
        <location filename="../../planner/gui/window_actions.py" line="+42" />
        <source>&amp;New plan</source>
        <translation>新建计划(&amp;N)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Start an empty plan</source>
        <translation>新建一个空计划</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Open a plan file (.rcplan)</source>
        <translation>打开计划文件 (.rcplan)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the &amp;demo plan</source>
        <translation>打开示例计划(&amp;D)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>The built-in 618 demo plan</source>
        <translation>内置的618示例计划</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Save the plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save the plan under a new name</source>
        <translation>以新名称保存计划</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Import notes table…</source>
        <translation>导入笔记表(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Replace the notes with a notes table (CSV or XLSX)</source>
        <translation>用笔记表（CSV 或 XLSX）替换计划中的笔记</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import &amp;history table…</source>
        <translation>导入历史数据表(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fit lifts from a history table (CSV or XLSX)</source>
        <translation>根据历史数据表（CSV 或 XLSX）拟合提升率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Export to Excel…</source>
        <translation>导出为 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Write the plan as an Excel workbook with live formulas</source>
        <translation>将计划写成带实时公式的 Excel 工作簿</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Apply budgets from Excel…</source>
        <translation>从 Excel 读回预算(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Read back budgets edited in an exported workbook</source>
        <translation>读回在导出的工作簿中修改过的预算</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Find notes…</source>
        <translation>查找笔记(&amp;F)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Search notes by id, title or creator</source>
        <translation>按笔记ID、标题或达人搜索笔记</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Optimise</source>
        <translation>优化(&amp;O)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set every budget by the optimiser (one undoable step)</source>
        <translation>由优化器设定全部预算（可一步撤销）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Notes</source>
        <translation>笔记(&amp;N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Charts</source>
        <translation>图表(&amp;C)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Lifts</source>
        <translation>提升率(&amp;L)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About RedCat Planner</source>
        <translation>关于红猫投放规划(&amp;A)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+13" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Plan</source>
        <translation>计划(&amp;P)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Cancel the running job</source>
        <translation>取消正在运行的任务</translation>
    </message>
    <message>
        <source>Notes from %1: %2 added, %3 updated</source>
        <translation>来自 %1 的笔记：新增 %2 篇，更新 %3 篇</translation>
    </message>
    <message>
        <source>C&amp;ompare scenarios</source>
        <translation>情景对比(&amp;O)</translation>
    </message>
    <message>
        <source>Campaign &amp;calendar</source>
        <translation>活动日历(&amp;C)</translation>
    </message>
    <message>
        <source>Daily &amp;pacing</source>
        <translation>投放节奏(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Scenarios…</source>
        <translation>情景(&amp;S)…</translation>
    </message>
    <message>
        <source>Add, duplicate, rename or delete scenarios, and set their lift scale</source>
        <translation>新增、复制、重命名或删除情景，并设置其提升率系数</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>情景对比</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>活动日历</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>投放节奏</translation>
    </message>
    <message>
        <source>; the brand budget was ¥0 and is now the plan's brand cost, %1</source>
        <translation>；品牌预算原为 ¥0，现已设为计划的品牌方出资 %1</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>The template was not saved</source>
        <translation>模板未保存</translation>
    </message>
    <message>
        <source>Template saved to %1: fill it in, then import it</source>
        <translation>模板已保存到 %1：填写后再导入</translation>
    </message>
    <message>
        <source>New from &amp;template…</source>
        <translation>从模板新建(&amp;T)…</translation>
    </message>
    <message>
        <source>Save a notes table template and open it in your spreadsheet program, to fill in and import</source>
        <translation>保存一张笔记表模板并用表格软件打开，填写后导入</translation>
    </message>
    <message>
        <source>Save te&amp;mplate…</source>
        <translation>保存模板(&amp;M)…</translation>
    </message>
    <message>
        <source>Save a notes or history table with every column the app reads and an example row</source>
        <translation>保存一张笔记表或历史数据表，包含本软件读取的全部列和一行示例</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>What each tab does, what each figure means, joint funding and lifts, handing a plan to an agency</source>
        <translation>各页面的用途、各项指标的含义、联投出资与提升率、如何把计划交给代理商</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>预警（%1）</translation>
    </message>
    <message>
        <source>Notes from platform exports: %1 added, %2 updated</source>
        <translation>平台报表中的笔记：新增 %1 篇，更新 %2 篇</translation>
    </message>
    <message>
        <source>platform exports</source>
        <translation>平台报表</translation>
    </message>
    <message>
        <source>Saved the actuals to %1</source>
        <translation>实际数据已保存到 %1</translation>
    </message>
    <message>
        <source>Import &amp;platform exports…</source>
        <translation>导入平台报表(&amp;P)…</translation>
    </message>
    <message>
        <source>Notes, history or actuals from the reports of 聚光, 蒲公英, 种草星河 and 薯条</source>
        <translation>从聚光、蒲公英、种草星河和薯条的报表导入笔记、历史数据或实际数据</translation>
    </message>
    <message>
        <source>&amp;Re-plan the rest</source>
        <translation>调整剩余投放(&amp;R)</translation>
    </message>
    <message>
        <source>A new scenario: the money not yet spent re-optimised on the observed rates, compared with this one</source>
        <translation>新建一个情景：按实际转化率重新优化尚未花出的预算，并与当前情景对比</translation>
    </message>
    <message>
        <source>Add the campaign's daily actuals per note (CSV or XLSX) to track the plan against them</source>
        <translation>导入活动期间每篇笔记的每日实际数据（CSV 或 XLSX），与计划对比</translation>
    </message>
    <message>
        <source>Import ac&amp;tuals…</source>
        <translation>导入实际数据(&amp;T)…</translation>
    </message>
    <message>
        <source>Plan vs &amp;actual</source>
        <translation>实际对比(&amp;A)</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>实际对比</translation>
    </message>
    <message>
        <source>&amp;Guardrails…</source>
        <translation>预警设置(&amp;G)…</translation>
    </message>
    <message>
        <source>When the warnings fire, and the history table they compare budgets and rates with</source>
        <translation>预警何时触发，以及预警用来比较预算和比率的历史数据表</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <location filename="../../planner/gui/labels.py" line="+68" />
        <source>built-in: the published figures of the Red Cat plan article</source>
        <translation>内置：红猫计划文章公布的数据</translation>
    </message>
    <message>
        <location line="+1" />
        <source>fitted from your history</source>
        <translation>根据你的历史数据拟合</translation>
    </message>
    <message>
        <location line="+1" />
        <source>typed by a user</source>
        <translation>用户手动输入</translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>(%n notes)</source>
        <translation>
            <numerusform>（%n 篇笔记）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoteColumns</name>
    <message>
        <source>a date such as 2025-05-13 (or 2025/5/13), or empty for the whole campaign</source>
        <translation>日期，例如 2025-05-13（或 2025/5/13），留空表示整个活动期</translation>
    </message>
</context>
<context>
    <name>NotesTableModel</name>
    <message>
        <location filename="../../planner/gui/table_model.py" line="+266" />
        <source>%1 %2 → %3 with joint investment: lift %4 (row %5; source: %6)</source>
        <translation>%1 %2 → 联投后 %3：提升率 %4（%5 行；来源：%6）</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <location filename="../../planner/gui/views/notes_view.py" line="+81" />
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Copy with &amp;headers</source>
        <translation>连同表头复制(&amp;H)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Paste budgets / values</source>
        <translation>粘贴预算/数值(&amp;P)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Bulk edit…</source>
        <translation>批量编辑(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Lock selected notes</source>
        <translation>锁定选中的笔记(&amp;L)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Unlock selected notes</source>
        <translation>解锁选中的笔记(&amp;U)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Select &amp;all shown notes</source>
        <translation>全选显示的笔记(&amp;A)</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Set or scale the budgets of the selected notes, lock or unlock them</source>
        <translation>设置或按比例调整选中笔记的预算，锁定或解锁</translation>
    </message>
    <message>
        <location line="+52" />
        <source>Copied %1 rows × %2 columns</source>
        <translation>已复制 %1 行 × %2 列</translation>
    </message>
    <message>
        <location line="+18" />
        <location line="+8" />
        <location line="+8" />
        <source>Nothing was pasted:</source>
        <translation>未粘贴任何内容：</translation>
    </message>
    <message>
        <location line="-6" />
        <location line="+2" />
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Pasted %1 cells</source>
        <translation>已粘贴 %1 个单元格</translation>
    </message>
    <message>
        <location line="+2" />
        <source>; computed columns left as they are: %1</source>
        <translation>；计算列保持不变：%1</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Select some notes first</source>
        <translation>请先选择笔记</translation>
    </message>
    <message numerus="yes">
        <location line="+14" />
        <source>Lock %n note(s)</source>
        <translation>
            <numerusform>锁定 %n 篇笔记</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Unlock %n note(s)</source>
        <translation>
            <numerusform>解锁 %n 篇笔记</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>Set the budget of %n note(s)</source>
        <translation>
            <numerusform>设置 %n 篇笔记的预算</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Scale the budget of %n note(s)</source>
        <translation>
            <numerusform>按比例调整 %n 篇笔记的预算</numerusform>
        </translation>
    </message>
    <message>
        <source>The filter hid that note: every note is shown again</source>
        <translation>筛选条件隐藏了该笔记：已重新显示全部笔记</translation>
    </message>
</context>
<context>
    <name>OptimisePanel</name>
    <message>
        <location filename="../../planner/gui/views/optimise_panel.py" line="+80" />
        <source>Optimise</source>
        <translation>优化</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set every budget by the optimiser (Ctrl+R / F5); one undoable step</source>
        <translation>由优化器设定全部预算 (Ctrl+R / F5)；可一步撤销</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Plan parameters</source>
        <translation>计划参数</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The most the brand pays in total (brand cost), in ¥</source>
        <translation>品牌方最多出资的总额（品牌方出资，¥）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Joint investment</source>
        <translation>联投</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The platform's share of each eligible note's budget</source>
        <translation>平台在每篇可联投笔记预算中的出资比例</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The most the platform pays in total, in ¥</source>
        <translation>平台最多出资的总额（¥）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The total the optimiser maximises (or must reach)</source>
        <translation>优化器要最大化（或必须达到）的总量</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Brand budget</source>
        <translation>品牌预算</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Platform share</source>
        <translation>平台出资比例</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Platform cap</source>
        <translation>平台出资上限</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Objective</source>
        <translation>优化目标</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set brand budget</source>
        <translation>设置品牌预算</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Turn joint investment on/off</source>
        <translation>开启/关闭联投</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set platform share</source>
        <translation>设置平台出资比例</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Set objective</source>
        <translation>设置优化目标</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Optimise to</source>
        <translation>优化方式</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Maximise within the brand budget</source>
        <translation>在品牌预算内使目标最大</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reach a target at the least cost</source>
        <translation>以最少品牌预算达到目标</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The objective's total to reach; the brand budget is set to the least that reaches it</source>
        <translation>目标要达到的总量；品牌预算将设为达到它所需的最少金额</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Set platform cap</source>
        <translation>设置平台出资上限</translation>
    </message>
    <message>
        <location line="+34" />
        <source>This plan has no notes yet: there is nothing to allocate. Import notes first (Ctrl+I).</source>
        <translation>此计划还没有笔记：没有可分配的预算。请先导入笔记 (Ctrl+I)。</translation>
    </message>
    <message>
        <location line="+19" />
        <source>The plan changed while optimising; optimise again.</source>
        <translation>优化期间计划发生了变化，请重新优化。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Optimise for %1</source>
        <translation>按%1优化</translation>
    </message>
    <message>
        <source>Optimising…</source>
        <translation>正在优化…</translation>
    </message>
    <message>
        <source>Budget step</source>
        <translation>预算步长</translation>
    </message>
    <message>
        <source>Budgets come out of the optimiser and of bulk edits in multiples of this amount: planners buy round amounts</source>
        <translation>优化器和批量修改给出的预算都是这个金额的整数倍：投放按整数金额购买</translation>
    </message>
    <message>
        <source>Set budget step</source>
        <translation>设置预算步长</translation>
    </message>
    <message>
        <source>Maximise</source>
        <translation>最大化</translation>
    </message>
    <message>
        <source>Reach a target</source>
        <translation>达到目标</translation>
    </message>
    <message>
        <source>Brand budget covers creator fees</source>
        <translation>品牌预算包含达人合作费</translation>
    </message>
    <message>
        <source>On: the brand budget pays the creators' fees too, and the optimiser spends the budget less the fees on boosts. Off: the brand budget is for boosts alone, the fees are paid besides it</source>
        <translation>开启：品牌预算也用于支付达人合作费，优化时用预算减去合作费后的部分加热。关闭：品牌预算只用于加热，合作费另外支付</translation>
    </message>
    <message>
        <source>Turn creator fees in the brand budget on/off</source>
        <translation>开启/关闭品牌预算包含合作费</translation>
    </message>
    <message>
        <source>incl. fees</source>
        <translation>含合作费</translation>
    </message>
</context>
<context>
    <name>OptimiseResultView</name>
    <message>
        <location filename="../../planner/gui/views/optimise_result.py" line="+78" />
        <source>Total</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Before</source>
        <translation>优化前</translation>
    </message>
    <message>
        <location line="+0" />
        <source>After</source>
        <translation>优化后</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Optimised for %1 (undo with Ctrl+Z):</source>
        <translation>已按%1优化（Ctrl+Z 撤销）：</translation>
    </message>
    <message>
        <location line="+24" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Gained most budget</source>
        <translation>预算增加最多</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Lost most budget</source>
        <translation>预算减少最多</translation>
    </message>
    <message>
        <source>Out of date: the plan changed since this optimisation.</source>
        <translation>已过时：这次优化之后方案已有改动。</translation>
    </message>
    <message>
        <source>Optimise again to see what it does now.</source>
        <translation>再次优化可查看现在的效果。</translation>
    </message>
    <message>
        <source>No budget moved.</source>
        <translation>没有预算变动。</translation>
    </message>
    <message>
        <source>▲ the notes that gained most budget, ▼ those that lost most</source>
        <translation>▲ 预算增加最多的笔记，▼ 预算减少最多的笔记</translation>
    </message>
</context>
<context>
    <name>PacingChart</name>
    <message>
        <source>The plan has no campaign calendar yet: set one on the Calendar tab to see its daily pacing.</source>
        <translation>计划还没有活动日历：请在“活动日历”页设置，即可查看每日投放节奏。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more problem(s)</source>
        <translation>
            <numerusform>……另有 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>No daily pacing while some notes' windows do not fit the campaign:</source>
        <translation>部分笔记的投放期与活动日历不符，暂无每日投放节奏：</translation>
    </message>
    <message>
        <source>Planned spend per day</source>
        <translation>每日计划投放</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌方</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Cumulative share of the budget (right)</source>
        <translation>累计占预算比例（右轴）</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>PacingView</name>
    <message>
        <source>Save as PNG…</source>
        <translation>保存为 PNG…</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>By note and phase</source>
        <translation>按笔记和阶段</translation>
    </message>
    <message>
        <source>No daily plan: see the chart for why.</source>
        <translation>没有每日计划：原因见图表。</translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2: %n day(s), %3 planned</source>
        <translation>
            <numerusform>%1 至 %2：共 %n 天，计划投放 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>by the end of today %1 (%2 of the budget)</source>
        <translation>截至今天结束 %1（占预算 %2）</translation>
    </message>
</context>
<context>
    <name>PhasesModel</name>
    <message>
        <source>Phase %1</source>
        <translation>阶段 %1</translation>
    </message>
    <message>
        <source>Opening time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>The phase's name: 蓄水 build-up, 预热 warm-up, 预售 presale, 爆发 peak, 返场 encore, or your own</source>
        <translation>阶段名称：蓄水、预热、预售、爆发、返场，或自定义</translation>
    </message>
    <message>
        <source>The phase's first day, e.g. 2025-05-13</source>
        <translation>阶段的第一天，例如 2025-05-13</translation>
    </message>
    <message>
        <source>When the phase opens on its first day, e.g. 20:00 for the 618 presale; that day then also ends the phase before. Empty: at midnight</source>
        <translation>阶段在第一天的开始时间，例如 618 预售的 20:00；这一天同时也是上一阶段的最后一天。留空：零点开始</translation>
    </message>
    <message>
        <source>The phase's last day (the whole day counts)</source>
        <translation>阶段的最后一天（整天都计入）</translation>
    </message>
    <message>
        <source>The phase's share of the money, relative to the other phases' weights</source>
        <translation>阶段分到的预算份额，与其他阶段的权重相对而言</translation>
    </message>
    <message>
        <source>The weight as a part of all the phases' weights</source>
        <translation>该权重占所有阶段权重之和的比例</translation>
    </message>
    <message>
        <source>Even, or a pacing percent from 50 to 150: over 100 spends more early in the phase, under 100 more late</source>
        <translation>均匀，或 50 到 150 之间的节奏百分比：大于 100 阶段前期花得多，小于 100 后期花得多</translation>
    </message>
    <message>
        <source>even</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>a date such as 2025-05-13 (or 2025/5/13)</source>
        <translation>日期，例如 2025-05-13（或 2025/5/13）</translation>
    </message>
    <message>
        <source>an opening time such as 20:00, or empty for midnight</source>
        <translation>开始时间，例如 20:00，留空表示零点</translation>
    </message>
    <message>
        <source>a number of 0 or more, or a percentage such as 30%</source>
        <translation>0 或以上的数字，或百分比，例如 30%</translation>
    </message>
    <message>
        <source>even (or empty), or a pacing percent from 50 to 150</source>
        <translation>均匀（或留空），或 50 到 150 之间的节奏百分比</translation>
    </message>
</context>
<context>
    <name>PlanSession</name>
    <message>
        <source>Exporting to Excel…</source>
        <translation>正在导出到 Excel…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Opening the autosaved work on %1…</source>
        <translation>正在打开 %1 的自动保存内容…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n file(s)…</source>
        <translation>
            <numerusform>正在读取 %n 个文件…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../planner/gui/errors.py" line="-93" />
        <source>Invalid input</source>
        <translation>输入有误</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n problem(s) must be fixed first:</source>
        <translation>
            <numerusform>需要先修正 %n 个问题：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Expected</source>
        <translation>应为</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Where</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../planner/gui/views/import_pages.py" line="+103" />
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Expected</source>
        <translation>预期</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <location filename="../../planner/gui/views/import_wizard.py" line="-225" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+27" />
        <source>No problems: all %n row(s) can be imported.</source>
        <translation>
            <numerusform>没有问题：全部 %n 行都可以导入。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>in %n row(s).</source>
        <translation>
            <numerusform>涉及 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1" />
        <source>Go Back to change the columns, or fix the file and press Re-read file; or leave these rows out knowingly.</source>
        <translation>返回上一步修改列的对应关系，或修正文件后点“重新读取文件”；也可以明确选择不导入这些行。</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Leave out the %n row(s) with problems</source>
        <translation>
            <numerusform>不导入有问题的 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9" />
        <source>The file cannot be imported with these columns: go Back to change them, or fix the file and press Re-read file.</source>
        <translation>按当前的列无法导入此文件：请返回修改列，或修正文件后点“重新读取文件”。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The file could not be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../planner/gui/recovery.py" line="+161" />
        <source>never saved</source>
        <translation>从未保存</translation>
    </message>
    <message>
        <location line="+1" />
        <source>RedCat Planner did not close properly. Unsaved work on “%1” (%2) was autosaved at %3. Restore it?</source>
        <translation>红猫投放规划上次没有正常关闭。“%1”（%2）未保存的内容已于 %3 自动保存。要恢复吗？</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的内容？</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>ResponseChart</name>
    <message>
        <location filename="../../planner/gui/charts/response_chart.py" line="+70" />
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+55" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="-55" />
        <location line="+55" />
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location line="-51" />
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>P10–P90 (lift uncertainty)</source>
        <translation>P10–P90（提升率不确定性）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Slope today (marginal return)</source>
        <translation>当前斜率（边际回报）</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Select a note in the table to see how its orders and GMV respond to its budget.</source>
        <translation>在表格中选择一篇笔记，查看其订单和成交额随预算的变化。</translation>
    </message>
    <message>
        <location line="+28" />
        <source>{what} against the budget of {name}</source>
        <translation>{name} 的{what}与预算</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{value} GMV</source>
        <translation>成交额 {value}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{value} orders</source>
        <translation>{value} 单</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Today: {budget} → {value}
Marginal ROI {roi} (GMV per extra brand ¥)</source>
        <translation>当前：{budget} → {value}
边际ROI {roi}（品牌方每多出资1元的成交额）</translation>
    </message>
</context>
<context>
    <name>ScenarioManager</name>
    <message>
        <source>Scenarios</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>A scenario holds what you vary: the plan's parameters, every note's budget and lock, and a lift scale. The notes and the lift table are shared. Every change here can be undone.</source>
        <translation>情景保存你要调整的内容：计划参数、每篇笔记的预算与锁定，以及提升率系数。笔记和提升率表由各情景共用。这里的每项修改都可以撤销。</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算合计</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>A new scenario, a copy of the one shown</source>
        <translation>新增一个情景：复制当前显示的情景</translation>
    </message>
    <message>
        <source>Duplicate…</source>
        <translation>复制…</translation>
    </message>
    <message>
        <source>A new scenario, a copy of the selected one</source>
        <translation>新增一个情景：复制选中的情景</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected scenario (a plan keeps at least one)</source>
        <translation>删除选中的情景（计划至少保留一个情景）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the selected scenario in the table, the totals and the charts</source>
        <translation>在表格、合计和图表中显示选中的情景</translation>
    </message>
    <message>
        <source>Lift scale…</source>
        <translation>提升率系数…</translation>
    </message>
    <message>
        <source>A factor on every lift of the selected scenario: 0.5 asks what if joint investment works half as well</source>
        <translation>乘在选中情景每个提升率上的系数：0.5 表示假设联投效果只有一半</translation>
    </message>
    <message>
        <source>(shown)</source>
        <translation>（当前显示）</translation>
    </message>
    <message>
        <source>Add scenario</source>
        <translation>新增情景</translation>
    </message>
    <message>
        <source>Name of the new scenario (a copy of the one shown):</source>
        <translation>新情景的名称（复制当前显示的情景）：</translation>
    </message>
    <message>
        <source>The scenario was not added:</source>
        <translation>未新增情景：</translation>
    </message>
    <message>
        <source>Duplicate scenario</source>
        <translation>复制情景</translation>
    </message>
    <message>
        <source>Name of the copy of %1:</source>
        <translation>%1 副本的名称：</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>The scenario was not duplicated:</source>
        <translation>未复制情景：</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>重命名情景</translation>
    </message>
    <message>
        <source>New name of %1:</source>
        <translation>%1 的新名称：</translation>
    </message>
    <message>
        <source>The scenario was not renamed:</source>
        <translation>未重命名情景：</translation>
    </message>
    <message>
        <source>The scenario was not deleted:</source>
        <translation>未删除情景：</translation>
    </message>
    <message>
        <source>This scenario cannot be shown:</source>
        <translation>无法显示这个情景：</translation>
    </message>
    <message>
        <source>Lift scale</source>
        <translation>提升率系数</translation>
    </message>
    <message>
        <source>Factor on every lift of %1 (1 = the lifts as they are, 0.5 = half as strong):</source>
        <translation>乘在 %1 每个提升率上的系数（1 = 提升率不变，0.5 = 效果减半）：</translation>
    </message>
    <message>
        <source>The lift scale was not changed:</source>
        <translation>未修改提升率系数：</translation>
    </message>
</context>
<context>
    <name>ScenarioSwitcher</name>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Manage scenarios: add, duplicate, rename or delete them, and set their lift scale</source>
        <translation>管理情景：新增、复制、重命名或删除情景，并设置其提升率系数</translation>
    </message>
    <message>
        <source>The scenario the table, the totals and the charts show; Optimise works on it.</source>
        <translation>表格、合计和图表显示的情景；优化也作用于这个情景。</translation>
    </message>
    <message>
        <source>Lift scale: %1 × every lift</source>
        <translation>提升率系数：每个提升率 × %1</translation>
    </message>
    <message>
        <source>This scenario cannot be shown:</source>
        <translation>无法显示这个情景：</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../planner/gui/views/import_wizard.py" line="+22" />
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Replace the plan's notes</source>
        <translation>替换计划中的笔记</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add to the plan's notes</source>
        <translation>添加到计划的笔记中</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The plan's notes</source>
        <translation>计划中的笔记</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Import is one step: Edit ▸ Undo puts the plan's notes back as they were.</source>
        <translation>导入是一步操作：编辑 ▸ 撤销可恢复计划原来的笔记。</translation>
    </message>
    <message numerus="yes">
        <location line="+12" />
        <source>%n note(s) will be imported from %1.</source>
        <translation>
            <numerusform>将从 %1 导入 %n 篇笔记。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n history row(s) will be used to fit lifts</source>
        <translation>
            <numerusform>将用 %n 行历史数据拟合提升率</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1" />
        <source>(%1 base, %2 joint).</source>
        <translation>（日常 %1 行，联投 %2 行）。</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n row(s) with problems will be left out:</source>
        <translation>
            <numerusform>有问题的 %n 行将不导入：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>No row is left out.</source>
        <translation>没有行被排除。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The plan does not change until you accept the fitted lifts.</source>
        <translation>在你接受拟合的提升率之前，计划不会改变。</translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Replace the plan's %n note(s)</source>
        <translation>
            <numerusform>替换计划中的 %n 篇笔记</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16" />
        <source>%n note id(s) of this file are in the plan already: %1. Choose Replace or Update, or give these notes other ids in the file.</source>
        <translation>
            <numerusform>文件中有 %n 个笔记ID已在计划中：%1。请选择“替换”或“更新”，或在文件中为这些笔记换用其他ID。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new note(s) will be added.</source>
        <translation>
            <numerusform>将新增 %n 篇笔记。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) of the plan will be updated</source>
        <translation>
            <numerusform>计划中将有 %n 篇笔记被更新</numerusform>
        </translation>
    </message>
    <message>
        <source>A note whose id the plan has takes this file's values of the columns it gives; its other values stay. Notes with new ids are added.</source>
        <translation>计划中已有其ID的笔记采用此文件所给各列的值，其余值保持不变；新ID的笔记将被新增。</translation>
    </message>
    <message>
        <source>Update the notes with the same id, add the new ones</source>
        <translation>更新ID相同的笔记，新增其余笔记</translation>
    </message>
    <message>
        <source>The plan's brand budget is ¥0: it will be set to the brand cost of the imported budgets, %1, so that Optimise has money to allocate (change it in the Optimise panel).</source>
        <translation>计划的品牌预算为 ¥0：将设为导入预算的品牌方出资 %1，这样优化时才有预算可分配（可在“优化”面板中修改）。</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>This plan has no notes yet</source>
        <translation>这个计划还没有笔记</translation>
    </message>
    <message>
        <source>Start from the demo plan to look around, or bring your notes in: a table from your agency or your own, in CSV or Excel. Help ▸ User guide (F1) explains each tab.</source>
        <translation>可以先打开示例计划看看，或导入你的笔记：代理商给的表或你自己的表，CSV 或 Excel 均可。帮助 ▸ 使用指南（F1）介绍了每个页面。</translation>
    </message>
    <message>
        <source>Open the demo plan</source>
        <translation>打开示例计划</translation>
    </message>
    <message>
        <source>A 618 plan for a sports-and-beauty brand, with history to fit lifts from</source>
        <translation>一个运动与美妆品牌的 618 计划，附可用于拟合提升率的历史数据</translation>
    </message>
    <message>
        <source>Import a notes table…</source>
        <translation>导入笔记表…</translation>
    </message>
    <message>
        <source>CSV or XLSX, Chinese or English headers; the wizard shows every problem</source>
        <translation>CSV 或 XLSX，中文或英文表头；导入向导会列出每个问题</translation>
    </message>
    <message>
        <source>Save a notes template…</source>
        <translation>保存笔记表模板…</translation>
    </message>
    <message>
        <source>The columns the app reads, with an example row, to fill in</source>
        <translation>本软件读取的各列和一行示例，填写即可</translation>
    </message>
    <message>
        <source>Open a plan…</source>
        <translation>打开计划…</translation>
    </message>
    <message>
        <source>A plan file saved before (.rcplan)</source>
        <translation>之前保存的计划文件（.rcplan）</translation>
    </message>
    <message>
        <source>No plan opened yet.</source>
        <translation>还没有打开过计划。</translation>
    </message>
    <message>
        <source>Recent plans</source>
        <translation>最近的计划</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>Save a template table</source>
        <translation>保存模板表</translation>
    </message>
    <message>
        <source>A table with every column the app reads and an example row: fill it in (or send it to your agency), then import it with File ▸ Import notes table, or fit lifts from a history table on the Lifts tab.</source>
        <translation>一张包含本软件读取的全部列和一行示例的表：填写（或发给代理商）后，笔记表用 文件 ▸ 导入笔记表 导入，历史数据表在“提升率”页用于拟合提升率。</translation>
    </message>
    <message>
        <source>Table:</source>
        <translation>表格：</translation>
    </message>
    <message>
        <source>Notes (the plan's notes, with budgets)</source>
        <translation>笔记表（计划的笔记及预算）</translation>
    </message>
    <message>
        <source>History (base and joint periods, to fit lifts)</source>
        <translation>历史数据表（日常与联投周期，用于拟合提升率）</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Excel (.xlsx), with a sheet that explains each column</source>
        <translation>Excel（.xlsx），附一张说明各列的工作表</translation>
    </message>
    <message>
        <source>CSV (UTF-8)</source>
        <translation>CSV（UTF-8）</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>表头：</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>RedCat Planner user guide</source>
        <translation>红猫投放规划使用指南</translation>
    </message>
</context>
<context>
    <name>FitTotals</name>
    <message>
        <source>The plan's totals</source>
        <translation>计划合计</translation>
    </message>
    <message>
        <source>With current lifts</source>
        <translation>按当前提升率</translation>
    </message>
    <message>
        <source>With fitted lifts</source>
        <translation>按拟合的提升率</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>The plan has no notes yet: the lifts will apply to the notes you import.</source>
        <translation>计划还没有笔记：提升率将作用于你导入的笔记。</translation>
    </message>
    <message>
        <source>No note of the plan is eligible (joint investment on and a Taobao link): lifts change none of its totals.</source>
        <translation>计划中没有可联投的笔记（需开启联投且笔记挂链）：提升率不改变任何合计。</translation>
    </message>
</context>
<context>
    <name>NotesTotals</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>%1, whole plan: %2</source>
        <translation>%1，整个方案：%2</translation>
    </message>
    <message>
        <source>The plan's totals (all notes, whatever the filter shows), as the cards above show them</source>
        <translation>整个方案的合计（全部笔记，不受筛选影响），与上方卡片一致</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>任意位置</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>WarningsPanel</name>
    <message>
        <source>No warnings: nothing in this plan needs a second look.</source>
        <translation>没有预警：这个计划没有需要再看一遍的地方。</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): each says what to check. Click a note's to show it in the table.</source>
        <translation>
            <numerusform>%n 条预警：每条都说明要检查什么。点击笔记的预警，可在表格中显示该笔记。</numerusform>
        </translation>
    </message>
    <message>
        <source>The first %1 are listed; the table's With warnings filter shows every note.</source>
        <translation>这里列出前 %1 条；表格的“有预警”筛选可显示全部相关笔记。</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>文件类型：</translation>
    </message>
</context>
<context>
    <name>ExportDerivedPage</name>
    <message>
        <source>Derived fields</source>
        <translation>换算出的字段</translation>
    </message>
    <message>
        <source>Each field as this app defines it, with the formula, the numbers and the files it came from. Check the warnings before importing.</source>
        <translation>每个字段都按本应用的口径换算，并列出公式、数字和来源文件。导入前请先查看提醒。</translation>
    </message>
    <message>
        <source>the linked item's (订单商品成交GMV)</source>
        <translation>挂链商品的（订单商品成交GMV）</translation>
    </message>
    <message>
        <source>the whole store's (商家GMV)</source>
        <translation>全店的（商家GMV）</translation>
    </message>
    <message>
        <source>星河 writes a row per attribution window (归因口径) for the same content and day: one window is taken, never two added</source>
        <translation>星河对同一内容同一天的每个归因口径各写一行：只取一个口径，不会把两个口径相加</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <source>Attribution window</source>
        <translation>归因口径</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Formula and numbers</source>
        <translation>公式与数字</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Needs your answer</source>
        <translation>需要你来决定</translation>
    </message>
    <message>
        <source>Leave out the notes (rows) without a value or with a problem</source>
        <translation>不导入缺少数值或有问题的笔记（行）</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n file(s)…</source>
        <translation>
            <numerusform>正在读取 %n 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <source>The exports cannot be read with these choices.</source>
        <translation>按这些选择无法读取这些报表。</translation>
    </message>
    <message>
        <source>Left out: %1</source>
        <translation>未导入：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n 篇笔记</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n history row(s)</source>
        <translation>
            <numerusform>%n 行历史数据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n actuals row(s)</source>
        <translation>
            <numerusform>%n 行实际数据</numerusform>
        </translation>
    </message>
    <message>
        <source>: answer the questions below first.</source>
        <translation>：请先回答下面的问题。</translation>
    </message>
    <message numerus="yes">
        <source>: %n problem(s) to fix in the files, or leave those rows out.</source>
        <translation>
            <numerusform>：%n 个问题，请在文件中修正，或不导入这些行。</numerusform>
        </translation>
    </message>
    <message>
        <source> ready to import.</source>
        <translation>，可以导入。</translation>
    </message>
    <message>
        <source>another definition, accepted</source>
        <translation>按另一口径（已确认）</translation>
    </message>
    <message>
        <source>kept from the plan</source>
        <translation>保留计划中的值</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>手动填写</translation>
    </message>
    <message>
        <source>(choose or type an industry)</source>
        <translation>（选择或输入行业）</translation>
    </message>
    <message>
        <source>(choose an answer)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Type a value for these notes</source>
        <translation>为这些笔记填写一个值</translation>
    </message>
    <message>
        <source>Use the other definition, knowingly</source>
        <translation>知情后使用另一口径</translation>
    </message>
    <message>
        <source>Leave these notes out</source>
        <translation>不导入这些笔记</translation>
    </message>
</context>
<context>
    <name>ExportFilesPage</name>
    <message>
        <source>Platform exports</source>
        <translation>平台报表</translation>
    </message>
    <message>
        <source>Add the reports you downloaded from 聚光, 蒲公英, 种草星河, 薯条 or 小红星, several at once. Each is recognised by its header; nothing is imported yet.</source>
        <translation>添加从聚光、蒲公英、种草星河、薯条或小红星下载的报表，可一次添加多个。每个文件按表头识别；此时还不会导入任何数据。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Use the demo's sample exports</source>
        <translation>使用示例方案的样例报表</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Header on row</source>
        <translation>表头所在行</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Columns not found</source>
        <translation>未找到的列</translation>
    </message>
    <message>
        <source>Add platform exports</source>
        <translation>添加平台报表</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>These files cannot be read:</source>
        <translation>这些文件无法读取：</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>not recognised</source>
        <translation>未识别</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
    <message>
        <source>all found</source>
        <translation>全部找到</translation>
    </message>
    <message>
        <source>no platform export the app knows</source>
        <translation>不是本应用认识的平台报表</translation>
    </message>
    <message>
        <source>(choose the column that holds it)</source>
        <translation>（选择包含它的列）</translation>
    </message>
    <message>
        <source>%1 of the %2 (%3)</source>
        <translation>%2 的“%1”（%3）</translation>
    </message>
</context>
<context>
    <name>ExportOptionsPage</name>
    <message>
        <source>What to import</source>
        <translation>导入什么</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Notes: rates, titles, creators, creator fees and start dates, into this plan</source>
        <translation>笔记：比率、标题、达人、合作费和开始日期，导入本方案</translation>
    </message>
    <message>
        <source>History: counts by note and period, to fit the lifts</source>
        <translation>历史数据：按笔记和周期汇总的数量，用于拟合提升率</translation>
    </message>
    <message>
        <source>Actuals: counts by day and note, saved as a table</source>
        <translation>实际数据：按日期和笔记汇总的数量，另存为表格</translation>
    </message>
    <message>
        <source>The plan's notes</source>
        <translation>方案中的笔记</translation>
    </message>
    <message>
        <source>Update the notes with the same id (their other values stay), add the new ones</source>
        <translation>更新ID相同的笔记（其他值保持不变），并添加新笔记</translation>
    </message>
    <message>
        <source>Add to the plan's notes</source>
        <translation>添加到方案的笔记中</translation>
    </message>
    <message>
        <source>Replace the plan's notes</source>
        <translation>替换方案中的笔记</translation>
    </message>
    <message>
        <source>History: which rows are base (日常) and which joint (联投)</source>
        <translation>历史数据：哪些行算日常，哪些算联投</translation>
    </message>
    <message>
        <source>By plan name: joint plans' names (计划名称) match</source>
        <translation>按计划名称：联投计划的名称（计划名称）匹配</translation>
    </message>
    <message>
        <source>By days</source>
        <translation>按日期</translation>
    </message>
    <message>
        <source>A regular expression: 联投|联合投放 matches either word</source>
        <translation>正则表达式：联投|联合投放 匹配其中任一个词</translation>
    </message>
    <message>
        <source>base from</source>
        <translation>日常从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>joint from</source>
        <translation>联投从</translation>
    </message>
</context>
<context>
    <name>ExportsWizard</name>
    <message>
        <source>Import platform exports</source>
        <translation>导入平台报表</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Fit lifts from this history</source>
        <translation>用这些历史数据拟合提升率</translation>
    </message>
    <message>
        <source>Save the actuals…</source>
        <translation>保存实际数据…</translation>
    </message>
    <message>
        <source>The notes were not imported:</source>
        <translation>笔记未导入：</translation>
    </message>
    <message>
        <source>Import notes from %1</source>
        <translation>从 %1 导入笔记</translation>
    </message>
    <message>
        <source>Save the actuals as</source>
        <translation>实际数据另存为</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>The actuals were not saved:</source>
        <translation>实际数据未保存：</translation>
    </message>
</context>
<context>
    <name>EmptyTracking</name>
    <message>
        <source>A table of daily actuals (CSV or XLSX): 日期 笔记ID 消费 曝光 and any of 点击 互动 进店 订单 成交额, or the same in English</source>
        <translation>每日实际数据表（CSV 或 XLSX）：日期、笔记ID、消费、曝光，以及点击、互动、进店、订单、成交额中的任意几列（也可用英文表头）</translation>
    </message>
    <message>
        <source>Import actuals…</source>
        <translation>导入实际数据…</translation>
    </message>
    <message>
        <source>Import the sample actuals shipped with the demo plan (its first weeks, to 2025-05-20): to see tracking and re-planning at work</source>
        <translation>导入示例计划自带的实际数据样例（活动前几周，截至 2025-05-20），体验实际对比与调整</translation>
    </message>
    <message>
        <source>No actuals yet. Each morning of the campaign, import yesterday's figures per note and day (spend, impressions, clicks, interactions, store visits, orders, GMV) to see the plan against them, each note's pacing and its observed rates, and to re-plan the rest of the campaign.</source>
        <translation>还没有实际数据。活动期间每天早上导入前一天每篇笔记的数据（消费、曝光、点击、互动、进店、订单、成交额），即可看到计划与实际的对比、每篇笔记的消耗进度和实际转化率，并调整剩余投放。</translation>
    </message>
    <message>
        <source>No tracking while some notes' windows do not fit the campaign:</source>
        <translation>部分笔记的投放时间与活动日历不符，暂时无法对比：</translation>
    </message>
    <message>
        <source>Plan against actuals</source>
        <translation>计划与实际对比</translation>
    </message>
    <message>
        <source>Set the campaign calendar…</source>
        <translation>设置活动日历…</translation>
    </message>
    <message>
        <source>The plan has no campaign calendar yet: tracking compares each day's actuals with the daily plan, so set the calendar first (Calendar tab).</source>
        <translation>计划还没有活动日历：实际对比要把每天的实际数据与每日计划相比，请先设置活动日历（“活动日历”页）。</translation>
    </message>
    <message>
        <source>Use the demo's sample actuals</source>
        <translation>使用示例实际数据</translation>
    </message>
</context>
<context>
    <name>Tracking</name>
    <message numerus="yes">
        <source>%n note-day(s) added</source>
        <translation>
            <numerusform>新增 %n 条笔记日数据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note-day(s) replaced (imported before)</source>
        <translation>
            <numerusform>替换 %n 条之前导入过的笔记日数据</numerusform>
        </translation>
    </message>
    <message>
        <source>Achievement</source>
        <translation>达成率</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Actual ÷ planned to date (empty where nothing was planned)</source>
        <translation>实际 ÷ 截至当日计划（没有计划时留空）</translation>
    </message>
    <message>
        <source>Actual − planned to date</source>
        <translation>实际 − 截至当日计划</translation>
    </message>
    <message>
        <source>Actuals from %1: %2</source>
        <translation>%1 的实际数据：%2</translation>
    </message>
    <message>
        <source>Actuals from %1: %2, %3</source>
        <translation>%1 的实际数据：%2，%3</translation>
    </message>
    <message>
        <source>Import actuals</source>
        <translation>导入实际数据</translation>
    </message>
    <message>
        <source>No actuals were imported from %1:</source>
        <translation>未从 %1 导入任何实际数据：</translation>
    </message>
    <message>
        <source>Observed rate = (2,000 × planned rate + events) ÷ (2,000 + exposures): the actuals, shrunk toward the planned rate while they are few</source>
        <translation>实际转化率 =（2,000 × 计划转化率 + 事件数）÷（2,000 + 基数）：数据少时向计划值收缩</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>超出</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>消耗进度</translation>
    </message>
    <message>
        <source>Pacing status: actual spend to date as a share of the planned: under below 80%, on track 80–110%, slightly over 110–130%, over above 130%</source>
        <translation>消耗进度：截至当日实际消费占计划的比例。低于 80% 为落后，80–110% 为正常，110–130% 为略超，高于 130% 为超出</translation>
    </message>
    <message>
        <source>Planned to date</source>
        <translation>截至当日计划</translation>
    </message>
    <message>
        <source>Re-plan the rest</source>
        <translation>调整剩余投放</translation>
    </message>
    <message>
        <source>Re-planned the rest of the campaign as %1, compared here with %2 (Undo removes it)</source>
        <translation>已将剩余投放调整为“%1”，此处与“%2”对比（撤销即可删除）</translation>
    </message>
    <message>
        <source>Re-planning needs the plan's actuals to date:</source>
        <translation>调整剩余投放需要计划截至当日的实际数据：</translation>
    </message>
    <message>
        <source>Re-planning the rest of the campaign…</source>
        <translation>正在调整剩余投放…</translation>
    </message>
    <message>
        <source>Slightly over</source>
        <translation>略超</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The actuals summed up to the last day with actuals</source>
        <translation>截至最后一天实际数据的累计</translation>
    </message>
    <message>
        <source>The counts the rate was observed from: events / exposures, summed over the days with actuals</source>
        <translation>计算实际转化率所用的数量：事件数 / 基数，按有实际数据的天数累计</translation>
    </message>
    <message>
        <source>The daily plan summed up to the last day with actuals (each note's budget and outcomes spread over its window by day weight)</source>
        <translation>每日计划累计到最后一天实际数据（每篇笔记的预算和效果按日权重分摊到其投放期内）</translation>
    </message>
    <message>
        <source>The plan changed while the rest was being re-planned, so nothing was changed: re-plan again to include the change.</source>
        <translation>调整期间计划发生了变化，因此没有做任何修改：请再调整一次以包含这些变化。</translation>
    </message>
    <message>
        <source>The rest of the campaign cannot be re-planned:</source>
        <translation>无法调整剩余投放：</translation>
    </message>
    <message>
        <source>Under</source>
        <translation>落后</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>achievement</source>
        <translation>达成率</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>observed</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>差异</translation>
    </message>
</context>
<context>
    <name>TrackingChart</name>
    <message>
        <source>Actual GMV</source>
        <translation>实际成交额</translation>
    </message>
    <message>
        <source>Actual spend</source>
        <translation>实际消费</translation>
    </message>
    <message>
        <source>No actuals to compare with the plan yet.</source>
        <translation>还没有可与计划对比的实际数据。</translation>
    </message>
    <message>
        <source>Planned GMV</source>
        <translation>计划成交额</translation>
    </message>
    <message>
        <source>Planned spend</source>
        <translation>计划消费</translation>
    </message>
    <message>
        <source>Spend and GMV to date, cumulative by day</source>
        <translation>消费与成交额按日累计</translation>
    </message>
    <message>
        <source>Today: %1</source>
        <translation>今天：%1</translation>
    </message>
</context>
<context>
    <name>TrackingView</name>
    <message>
        <source>A new scenario: the money not yet spent re-optimised over the remaining days on the observed rates, each note keeping its spend to date; then compared with this one (one undoable step)</source>
        <translation>新建一个情景：按实际转化率把尚未花出的预算重新优化到剩余天数，每篇笔记保留已花金额，然后与当前情景对比（可一步撤销）</translation>
    </message>
    <message>
        <source>Actuals to %1 (day %2 of %3): spent %4 of %5 planned to date (%6)</source>
        <translation>实际数据截至 %1（第 %2 天，共 %3 天）：已消费 %4，截至当日计划 %5（%6）</translation>
    </message>
    <message>
        <source>Add or correct days of actuals: a day a note already has is replaced by the new figures</source>
        <translation>补充或更正实际数据：笔记已有的日期会被新数据替换</translation>
    </message>
    <message>
        <source>By note</source>
        <translation>按笔记</translation>
    </message>
    <message>
        <source>Import actuals…</source>
        <translation>导入实际数据…</translation>
    </message>
    <message>
        <source>Observed rates</source>
        <translation>实际转化率</translation>
    </message>
    <message>
        <source>Re-plan the rest</source>
        <translation>调整剩余投放</translation>
    </message>
    <message>
        <source>Scenario: %1</source>
        <translation>方案：%1</translation>
    </message>
    <message>
        <source>Scenario: %1, re-planned on the actuals to %2 (its days to then are those actuals)</source>
        <translation>方案：%1，按截至 %2 的实际数据调整（此前各天即为实际数据）</translation>
    </message>
</context>
<context>
    <name>GuardrailsDialog</name>
    <message>
        <source>Guardrails</source>
        <translation>预警设置</translation>
    </message>
    <message>
        <source>When the warnings fire. A warning never stops anything: it says what to check.</source>
        <translation>设置预警何时触发。预警不会阻止任何操作，只提示需要再看一遍的地方。</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Warn when a note reaches more than this share of its audience cap: more budget then buys few new impressions.</source>
        <translation>笔记触达超过人群上限的这一比例时预警：再加预算也买不到多少新曝光。</translation>
    </message>
    <message>
        <source>Warn when one note takes more than this share of the plan's budget: the plan rests on one note.</source>
        <translation>单篇笔记占计划预算超过这一比例时预警：计划过于依赖一篇笔记。</translation>
    </message>
    <message>
        <source>Warn when a note's budget is more than this many times the most the note (or its creator) ever spent in the history table.</source>
        <translation>笔记预算超过该笔记（或其达人）在历史数据表中单期最高花费的这一倍数时预警。</translation>
    </message>
    <message>
        <source>Warn when a note's click, interaction, store-visit or conversion rate is below this percentile of its industry's notes in the history table…</source>
        <translation>笔记的点击率、互动率、进店率或转化率低于历史数据表中同行业笔记的这一分位时预警…</translation>
    </message>
    <message>
        <source>…or above this one.</source>
        <translation>…或高于这一分位时预警。</translation>
    </message>
    <message>
        <source>When to warn</source>
        <translation>预警条件</translation>
    </message>
    <message>
        <source>History table (past history and unusual rates)</source>
        <translation>历史数据表（历史花费与异常比率）</translation>
    </message>
    <message>
        <source>Fitting lifts from a history table (Lifts ▸ Fit from history…) makes it the guardrails' history too. The plan file keeps no history table: it is used until another plan is opened.</source>
        <translation>根据历史数据表拟合提升率（提升率 ▸ 根据历史数据拟合…）时，这份表也用于预警。计划文件不保存历史数据表：它会一直使用到打开另一个计划为止。</translation>
    </message>
    <message>
        <source>Choose history table…</source>
        <translation>选择历史数据表…</translation>
    </message>
    <message>
        <source>Don't use history</source>
        <translation>不使用历史数据</translation>
    </message>
    <message>
        <source>No history: past history and unusual rates are not checked.</source>
        <translation>没有历史数据：不检查历史花费和异常比率。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Choose a history table for the guardrails</source>
        <translation>选择用于预警的历史数据表</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No history was read from %1:</source>
        <translation>未能从 %1 读取历史数据：</translation>
    </message>
    <message numerus="yes">
        <source>History: %1, %2 row(s)</source>
        <translation>
            <numerusform>历史数据：%1，%2 行</numerusform>
        </translation>
    </message>
</context>
</TS>
