//! A PostgreSQL server of one's own for tests and soak runs: `initdb` and `pg_ctl` (Debian's
//! `postgresql`, installed by `scripts/install-test-deps.sh`) in a temporary directory, run as
//! `nobody` when the caller is root (the server refuses root), on a free loopback port; stopped
//! and removed on drop.

use std::path::PathBuf;
use std::process::Command;

/// What is missing when PostgreSQL is not installed.
const MISSING: &str = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): \
     run scripts/install-test-deps.sh, which installs Debian's postgresql";

/// A running PostgreSQL server. Dropping it stops it and removes its directory.
#[derive(Debug)]
pub struct LocalPostgres {
    bin: PathBuf,
    dir: PathBuf,
    as_nobody: bool,
    url: String,
}

impl LocalPostgres {
    /// Starts a server in a fresh temporary directory named after `name` and this process.
    /// The error says what is missing or which command failed.
    pub fn start(name: &str) -> Result<LocalPostgres, String> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .map_err(|_| MISSING.to_owned())?
            .filter_map(Result::ok)
            .map(|e| e.path().join("bin"))
            .find(|bin| bin.join("initdb").exists())
            .ok_or_else(|| MISSING.to_owned())?;
        let uid = Command::new("id")
            .arg("-u")
            .output()
            .map_err(|e| format!("id -u: {e}"))?;
        let as_nobody = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        let dir = std::env::temp_dir().join(format!("storefront-pg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if as_nobody {
            run(Command::new("chown").arg("nobody:nogroup").arg(&dir))?;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("a free port: {e}"))?
            .port();
        let pg = LocalPostgres {
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            bin,
            dir,
            as_nobody,
        };
        let data = pg.dir.join("data");
        run(pg.command("initdb").arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        ]))?;
        run(pg
            .command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-o")
            .arg(format!(
                "-p {port} -k {} -c listen_addresses=127.0.0.1",
                pg.dir.display()
            ))
            .arg("-l")
            .arg(pg.dir.join("log"))
            .args(["-w", "start"]))?;
        Ok(pg)
    }

    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if self.as_nobody {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let out = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

impl Drop for LocalPostgres {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
