# Dossier Capture (卷宗扫描工作站) - Windows .msi (jlink + jpackage + WiX). See installer/README.md.
#
#   powershell -ExecutionPolicy Bypass -File installer\src\main\packaging\windows\package.ps1 `
#       [-Dist app\target\dist\lib] [-Out installer\target\packages] [-Tessdata C:\tessdata] [-Version 0.1.0]
#
# Needs: JDK 25 (JAVA_HOME), WiX Toolset 3.14 (candle/light on PATH) or WiX 4+/5 (wix on PATH),
# and a tessdata folder with chi_sim, chi_tra, eng and osd .traineddata (Tesseract 4/5 "best" or
# "fast" models, Apache-2.0), bundled into the app as app\tessdata.
param(
  [string]$Dist = "app\target\dist\lib",
  [string]$Out = "installer\target\packages",
  [string]$Tessdata = $env:TESSDATA_PREFIX,
  [string]$Version = ""
)
$ErrorActionPreference = "Stop"
$Name = "DossierCapture"
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Jdk = $env:JAVA_HOME
if (-not $Jdk -or -not (Test-Path "$Jdk\bin\jpackage.exe")) { throw "set JAVA_HOME to a JDK 25 with jpackage" }
if (-not (Get-Command candle.exe -ErrorAction SilentlyContinue) -and -not (Get-Command wix.exe -ErrorAction SilentlyContinue)) {
  throw "WiX Toolset is needed for .msi: install WiX 3.14 (candle/light) or WiX 4+ (wix) and put it on PATH"
}
$AppJar = Get-ChildItem "$Dist\app-*.jar" | Select-Object -First 1
if (-not $AppJar) { throw "no app-*.jar in $Dist: build first (mvnw -DskipTests package)" }
if (-not $Version) { $Version = ($AppJar.BaseName -replace '^app-','' -replace '-SNAPSHOT$','') }
foreach ($l in "chi_sim","chi_tra","eng","osd") {
  if (-not $Tessdata -or -not (Test-Path "$Tessdata\$l.traineddata")) { throw "tessdata folder with $l.traineddata needed (-Tessdata DIR)" }
}

$Work = "installer\target\work-windows"
Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$Work\input\tessdata", $Out | Out-Null
Copy-Item "$Dist\*.jar" "$Work\input\"
foreach ($l in "chi_sim","chi_tra","eng","osd") { Copy-Item "$Tessdata\$l.traineddata" "$Work\input\tessdata\" }

# Keep only Windows x86-64 natives in the jars that carry every platform's.
Add-Type -AssemblyName System.IO.Compression.FileSystem
function Trim-Jar($jar, [scriptblock]$drop) {
  $z = [System.IO.Compression.ZipFile]::Open($jar, 'Update')
  try { @($z.Entries) | Where-Object { & $drop $_.FullName } | ForEach-Object { $_.Delete() } } finally { $z.Dispose() }
}
Get-ChildItem "$Work\input\opencv-*.jar" | ForEach-Object { Trim-Jar $_.FullName { param($n) $n -match '^nu/pattern/opencv/' -and $n -match '\.(so|dll|dylib)$' -and $n -notmatch '^nu/pattern/opencv/windows/x86_64/' } }
Get-ChildItem "$Work\input\sqlite-jdbc-*.jar" | ForEach-Object { Trim-Jar $_.FullName { param($n) $n -match '^org/sqlite/native/' -and $n -notmatch '^org/sqlite/native/Windows/x86_64/' -and -not $n.EndsWith('/') } }
Get-ChildItem "$Work\input\jna-*.jar","$Work\input\tess4j-*.jar","$Work\input\lept4j-*.jar" | ForEach-Object { Trim-Jar $_.FullName { param($n) $n -match '\.(so|dll|dylib|a|jnilib)$' -and $n -notmatch 'win32-x86-64/' } }
Get-ChildItem "$Work\input\onnxruntime-*.jar" -ErrorAction SilentlyContinue | ForEach-Object { Trim-Jar $_.FullName { param($n) $n -match '^ai/onnxruntime/native/' -and $n -notmatch '^ai/onnxruntime/native/win-x64/' -and -not $n.EndsWith('/') } }

$Modules = "java.base,java.desktop,java.sql,java.logging,java.naming,java.xml,java.management,java.net.http,java.prefs,java.scripting,java.security.jgss,java.instrument,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.crypto.mscapi,jdk.localedata,jdk.charsets,jdk.zipfs,jdk.net,jdk.jfr,jdk.management"
& "$Jdk\bin\jlink.exe" --add-modules $Modules --include-locales=en,zh --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$Work\runtime"
if ($LASTEXITCODE -ne 0) { throw "jlink failed" }

# TESSDATA_PREFIX cannot be set by the launcher; the app finds $APPDIR\tessdata through the
# dc.tessdata system property.
& "$Jdk\bin\jpackage.exe" --type msi --name $Name --app-version $Version `
  --input "$Work\input" --main-jar $AppJar.Name --main-class com.dossiercapture.app.Main `
  --runtime-image "$Work\runtime" --dest $Out `
  --icon "$Here\..\icons\dossier-capture.ico" `
  --description "卷宗扫描工作站 Dossier Capture" --vendor "Dossier Capture" `
  --java-options "--enable-native-access=ALL-UNNAMED" --java-options "-Xmx3g" `
  --java-options "-Ddc.packaged=true" --java-options '-Ddc.tessdata=$APPDIR\tessdata' `
  --win-menu --win-menu-group "Dossier Capture" --win-shortcut --win-dir-chooser `
  --win-upgrade-uuid "6a0f3f1e-4a51-4d8e-9f7e-2c5b8d1e7a42" `
  --resource-dir "$Here"
if ($LASTEXITCODE -ne 0) { throw "jpackage failed" }
Write-Host "msi: $Out"
