# Installs sandcastle from a release, for Windows (PowerShell 5.1 or 7):
#
#   powershell -ExecutionPolicy Bypass -c "irm https://raw.githubusercontent.com/sandcastle/sandcastle/main/install.ps1 | iex"
#
# It downloads the archive for this system and the release's checksums.txt,
# checks the archive's SHA-256 (Get-FileHash), and puts sandcastle.exe in
# %LOCALAPPDATA%\Programs\sandcastle (nothing needs an administrator). Set,
# before running it:
#
#   $env:SANDCASTLE_VERSION = 'v1.2.3'       a release (default: the latest)
#   $env:SANDCASTLE_INSTALL_DIR = 'C:\...'   where sandcastle.exe goes
#   $env:SANDCASTLE_BASE_URL = 'https://...' where the release's files are (default:
#                                            the project's GitHub releases; for a mirror, or a test)
#
# On Linux and macOS, use install.sh. Errors are thrown, not exit: run with
# iex, an exit would close the learner's PowerShell window.

& {
    $ErrorActionPreference = 'Stop'
    $ProgressPreference = 'SilentlyContinue' # Invoke-WebRequest is many times slower drawing its progress bar
    $repoUrl = 'https://github.com/sandcastle/sandcastle'

    function Fail([string]$message) {
        throw "sandcastle install: $message"
    }

    # The system, named as the release's archives name it. A 32-bit
    # PowerShell on 64-bit Windows sees the machine's in PROCESSOR_ARCHITEW6432.
    $machine = $env:PROCESSOR_ARCHITEW6432
    if (-not $machine) { $machine = $env:PROCESSOR_ARCHITECTURE }
    switch ($machine) {
        'AMD64' { $arch = 'amd64' }
        'ARM64' { $arch = 'arm64' }
        default { Fail "no release for Windows on $machine (there are for amd64 and arm64): build from source with go install github.com/sandcastle/sandcastle@latest" }
    }
    $archive = "sandcastle_windows_$arch.zip"

    $version = $env:SANDCASTLE_VERSION
    if (-not $version) { $version = 'latest' }
    if ($version -match '^[0-9]') { $version = "v$version" }
    if ($version -ne 'latest' -and $version -notmatch '^v[0-9][A-Za-z0-9.+-]*$') {
        Fail "SANDCASTLE_VERSION=$($version): not a release; write one as v1.2.3, or leave it unset for the latest"
    }
    if ($env:SANDCASTLE_BASE_URL) {
        $baseUrl = $env:SANDCASTLE_BASE_URL.TrimEnd('/')
    } elseif ($version -eq 'latest') {
        $baseUrl = "$repoUrl/releases/latest/download"
    } else {
        $baseUrl = "$repoUrl/releases/download/$version"
    }

    $installDir = $env:SANDCASTLE_INSTALL_DIR
    if (-not $installDir) {
        if (-not $env:LOCALAPPDATA) { Fail 'LOCALAPPDATA is not set: set SANDCASTLE_INSTALL_DIR to the folder to install into' }
        $installDir = Join-Path $env:LOCALAPPDATA 'Programs\sandcastle'
    }

    # Windows PowerShell 5.1 may not offer TLS 1.2 unless asked; GitHub requires it.
    if ($PSVersionTable.PSVersion.Major -lt 6) {
        [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    }

    $tmp = Join-Path ([IO.Path]::GetTempPath()) ("sandcastle-" + [Guid]::NewGuid())
    New-Item -ItemType Directory -Path $tmp | Out-Null
    try {
        Write-Host "Downloading $archive ($version) from $baseUrl"
        foreach ($name in @($archive, 'checksums.txt')) {
            try {
                Invoke-WebRequest -UseBasicParsing -Uri "$baseUrl/$name" -OutFile (Join-Path $tmp $name)
            } catch {
                Fail "could not download $baseUrl/$($name): $($_.Exception.Message)"
            }
        }

        $want = $null
        foreach ($line in Get-Content (Join-Path $tmp 'checksums.txt')) {
            $fields = $line.Trim() -split '\s+'
            if ($fields.Count -eq 2 -and ($fields[1] -eq $archive -or $fields[1] -eq "*$archive")) {
                $want = $fields[0].ToLowerInvariant()
                break
            }
        }
        if (-not $want) { Fail "checksums.txt of $baseUrl has no line for $($archive): nothing was installed" }
        $got = (Get-FileHash -Algorithm SHA256 -Path (Join-Path $tmp $archive)).Hash.ToLowerInvariant()
        if ($got -ne $want) {
            Fail "$archive is not the file the release published: its SHA-256 is $got, checksums.txt says $want. The download was damaged or changed on its way; nothing was installed. Try again, and if it happens again, report it at $repoUrl/issues"
        }
        Write-Host 'Checked its SHA-256 against checksums.txt'

        $unpacked = Join-Path $tmp 'x'
        try {
            Expand-Archive -Path (Join-Path $tmp $archive) -DestinationPath $unpacked
        } catch {
            Fail "could not unpack $($archive): nothing was installed"
        }
        $exe = Join-Path $unpacked 'sandcastle.exe'
        if (-not (Test-Path -PathType Leaf $exe)) { Fail "$archive holds no sandcastle.exe: nothing was installed" }

        try {
            New-Item -ItemType Directory -Force -Path $installDir | Out-Null
        } catch {
            Fail "could not make $($installDir): set SANDCASTLE_INSTALL_DIR to a folder you can write"
        }
        $target = Join-Path $installDir 'sandcastle.exe'
        # A running sandcastle.exe cannot be overwritten, but it can be
        # renamed: the new one takes its name, the old goes when it can.
        $old = "$target.old"
        Remove-Item -Force -ErrorAction SilentlyContinue $old
        if (Test-Path $target) {
            try { Move-Item -Force $target $old } catch { Fail "could not replace $($target): close sandcastle and run this again" }
        }
        try {
            Copy-Item -Force $exe $target
        } catch {
            if (Test-Path $old) { Move-Item -Force $old $target }
            Fail "could not write $($target): set SANDCASTLE_INSTALL_DIR to a folder you can write"
        }
        Remove-Item -Force -ErrorAction SilentlyContinue $old

        $installed = & $target --version 2>&1
        if ($LASTEXITCODE -ne 0) { Fail "installed $target, but it does not run: $installed" }
        Write-Host "Installed $installed in $target"

        $onPath = ($env:Path -split ';') | Where-Object { $_.TrimEnd('\') -ieq $installDir.TrimEnd('\') }
        if ($onPath) {
            Write-Host 'Start learning: sandcastle'
        } else {
            Write-Host ''
            Write-Host "$installDir is not on your PATH. To run sandcastle by name, add it for your user:"
            Write-Host "  [Environment]::SetEnvironmentVariable('Path', '$installDir;' + [Environment]::GetEnvironmentVariable('Path', 'User'), 'User')"
            Write-Host 'then open a new terminal and start learning: sandcastle'
            Write-Host "(until then: & '$target')"
        }
    } finally {
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $tmp
    }
}
