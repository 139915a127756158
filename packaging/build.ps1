<#
.SYNOPSIS
Build RedCat Planner as a one-folder Windows app with PyInstaller.

.DESCRIPTION
  packaging\build.ps1            new venv in build\venv, pip install .[package], PyInstaller, report
  packaging\build.ps1 -Current   build with the Python at hand ($env:PYTHON, else python on PATH: e.g. an
                                 active venv that already has the project's dependencies and pyinstaller)
  packaging\build.ps1 -Smoke     start the built app offscreen on the demo plan (it quits after its first
                                 paint) and print how long that took; no build

Output: dist\redcat-planner\ (run dist\redcat-planner\redcat-planner.exe; zip the folder to ship it).
If scripts are blocked: powershell -ExecutionPolicy Bypass -File packaging\build.ps1
#>
[CmdletBinding()]
param([switch]$Current, [switch]$Smoke)

$ErrorActionPreference = 'Stop'
$Root = Split-Path -Parent $PSScriptRoot
$AppDir = Join-Path $Root 'dist\redcat-planner'
$Exe = Join-Path $AppDir 'redcat-planner.exe'

function Invoke-Native([string]$File, [string[]]$Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed (exit status $LASTEXITCODE)" }
}

function Get-UnixTime { [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000.0 }

function Invoke-Smoke {
    if (-not (Test-Path $Exe)) { throw "build.ps1 -Smoke: no $Exe; build it first" }
    foreach ($name in 'demo.rcplan', 'icons\app.svg', 'translations\planner_en.qm', 'translations\planner_zh_CN.qm') {
        $path = Join-Path $AppDir "_internal\planner\resources\$name"
        if (-not (Test-Path $path)) { throw "build.ps1 -Smoke: $path is missing" }
    }
    foreach ($lang in 'zh_CN', 'en') {
        $info = New-Object System.Diagnostics.ProcessStartInfo
        $info.FileName = $Exe
        $info.Arguments = "--demo --lang $lang"
        $info.UseShellExecute = $false
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.EnvironmentVariables['QT_QPA_PLATFORM'] = 'offscreen'
        $info.EnvironmentVariables['RCPLANNER_EXIT_AFTER_PAINT'] = 'charts'
        $start = Get-UnixTime
        $process = [System.Diagnostics.Process]::Start($info)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(60000)) {
            $process.Kill()
            throw "build.ps1 -Smoke: the app ($lang) did not quit within 60 s (a dialog at start-up?)"
        }
        $process.WaitForExit()
        $quit = Get-UnixTime
        if ($process.ExitCode -ne 0 -or $stderr.Result -match 'Traceback') {
            throw "build.ps1 -Smoke: the app ($lang) failed (exit status $($process.ExitCode))`n$($stdout.Result)$($stderr.Result)"
        }
        # A windowed app may have no stdout: then the time to quit stands in for the time of the first paint.
        $painted = ($stdout.Result -split "`r?`n" | Where-Object { $_ -like 'painted *' } | Select-Object -First 1)
        if ($painted) {
            $seconds = [double]::Parse($painted.Split(' ')[1], [Globalization.CultureInfo]::InvariantCulture) - $start
            Write-Host ('smoke: demo plan drawn (--lang {0}) {1:N2} s after launch' -f $lang, $seconds)
        } else {
            Write-Host ('smoke: demo plan drawn and quit (--lang {0}) {1:N2} s after launch' -f $lang, ($quit - $start))
        }
    }
    Write-Host "smoke: OK $Exe"
}

if ($Smoke) {
    Invoke-Smoke
    exit 0
}

Set-Location $Root
# setuptools builds the wheel in build\lib and never empties it: a module deleted from the sources would
# still be shipped.
Get-ChildItem build -Directory -ErrorAction SilentlyContinue |
    Where-Object { $_.Name -eq 'lib' -or $_.Name -like 'bdist.*' } | Remove-Item -Recurse -Force
if ($Current) {
    $py = if ($env:PYTHON) { $env:PYTHON } else { (Get-Command python).Source }
    & $py -m PyInstaller --version *> $null
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: no PyInstaller in $py; pip install '.[package]' there first" }
    # PyInstaller cannot follow an editable install (pyinstaller#7524): the project is installed, without
    # its dependencies, into build\stage, which goes first on the path.
    if (Test-Path build\stage) { Remove-Item -Recurse -Force build\stage }
    Invoke-Native $py @('-m', 'pip', 'install', '--quiet', '--no-deps', '--target', (Join-Path $Root 'build\stage'), '.')
    $env:PYTHONPATH = Join-Path $Root 'build\stage'
} else {
    $base = if ($env:PYTHON) { $env:PYTHON } else { 'python' }
    if (Test-Path build\venv) { Remove-Item -Recurse -Force build\venv }
    Invoke-Native $base @('-m', 'venv', 'build\venv')
    $py = Join-Path $Root 'build\venv\Scripts\python.exe'
    Invoke-Native $py @('-m', 'pip', 'install', '--quiet', '.[package]')
    Remove-Item Env:PYTHONPATH -ErrorAction SilentlyContinue
}

# The platform icons are made from resources\icons\app.svg when they are missing or the drawing changed.
$svg = Join-Path $Root 'packaging\icons\redcat-planner.svg'
$ico = Join-Path $Root 'packaging\icons\redcat-planner.ico'
if (-not (Test-Path $svg) -or -not (Test-Path $ico) -or
    (Get-FileHash $svg).Hash -ne (Get-FileHash (Join-Path $Root 'resources\icons\app.svg')).Hash) {
    $env:QT_QPA_PLATFORM = 'offscreen'
    Invoke-Native $py @('packaging\make_icons.py')
    Remove-Item Env:QT_QPA_PLATFORM
}

# Not from the repository's root: `python -m` puts the working folder first on the path, and the source
# tree's planner\ (without planner.resources, which setuptools maps from resources\) would shadow the install.
Push-Location (Join-Path $Root 'packaging')
try {
    Invoke-Native $py @('-m', 'PyInstaller', '--noconfirm', '--clean', '--log-level', 'WARN',
        '--distpath', (Join-Path $Root 'dist'), '--workpath', (Join-Path $Root 'build\pyinstaller'),
        (Join-Path $Root 'packaging\redcat-planner.spec'))
} finally {
    Pop-Location
}

$files = Get-ChildItem $AppDir -Recurse -File
$megabytes = ($files | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ('built: {0} ({1:N0} MB, {2} files)' -f $AppDir, $megabytes, $files.Count)
Write-Host "run:   $Exe --demo      check: packaging\build.ps1 -Smoke"
