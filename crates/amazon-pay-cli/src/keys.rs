//! `amazon-pay keys new` and `amazon-pay keys check FILE`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use amazon_pay::PrivateKey;
use amazon_pay::signing::PublicKey;
use anyhow::{Context as _, bail};

use crate::shell::quote;

/// The `keys` commands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum KeysCommand {
    /// Create an RSA-2048 key pair: the private key is written (mode 0600), the public key is
    /// printed for Seller Central.
    New {
        /// Where to write the private key (PKCS#8 PEM); never overwritten.
        #[arg(long, value_name = "FILE", default_value = "amazon-pay-private.pem")]
        out: PathBuf,
        /// Also write the public key (PEM) to this file.
        #[arg(long, value_name = "FILE")]
        public_out: Option<PathBuf>,
    },
    /// Tell what a key file is and, when it needs converting, the exact command.
    Check {
        /// The key file.
        file: PathBuf,
    },
}

pub(crate) fn run(command: KeysCommand) -> anyhow::Result<ExitCode> {
    match command {
        KeysCommand::New { out, public_out } => new(&out, public_out.as_deref()),
        KeysCommand::Check { file } => check(&file),
    }
}

fn new(out: &Path, public_out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let key = PrivateKey::generate_2048().context("generating the key")?;
    let pem = key.to_pkcs8_pem().context("encoding the key")?;
    let public = key
        .public_key()
        .to_pem()
        .context("encoding the public key")?;
    write_new(out, pem.as_bytes(), true)?;
    if let Some(path) = public_out {
        write_new(path, public.as_bytes(), false)?;
    }
    eprintln!(
        "Private key written to {} (mode 0600). Keep it secret; never commit it.",
        out.display()
    );
    eprintln!(
        "Register this public key in Seller Central (Integration > Integration Central > API keys); \
         it answers with the public key id to sign with."
    );
    print!("{public}");
    Ok(ExitCode::SUCCESS)
}

/// Creates `path` (failing if it exists), mode 0600 for a private file on Unix.
fn write_new(path: &Path, bytes: &[u8], private: bool) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path).with_context(|| {
        format!(
            "creating {} (an existing file is never overwritten)",
            path.display()
        )
    })?;
    file.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))
}

/// The label of the first PEM block, if any.
fn pem_label(text: &str) -> Option<&str> {
    let start = text.find("-----BEGIN ")? + "-----BEGIN ".len();
    let rest = &text[start..];
    Some(rest[..rest.find("-----")?].trim())
}

fn check(file: &Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = quote(&file.display().to_string());
    let converted = quote(&format!("{}.pkcs8.pem", file.display()));
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return check_der(&bytes, &name, &converted);
    };
    if text.trim_start().starts_with("ssh-rsa ") {
        println!("An OpenSSH public key (one line, ssh-rsa).");
        println!("Seller Central wants it as PEM; convert it with:");
        println!("  ssh-keygen -e -m PKCS8 -f {name}");
        return Ok(ExitCode::SUCCESS);
    }
    let Some(label) = pem_label(text) else {
        bail!("{} is neither PEM nor DER: no key found", file.display());
    };
    match label {
        "PRIVATE KEY" | "RSA PRIVATE KEY" => {
            let key = PrivateKey::from_pem(text)?;
            if label == "PRIVATE KEY" {
                println!(
                    "An RSA private key, PKCS#8 PEM, {} bits: usable as is by every Amazon Pay SDK.",
                    key.bits()
                );
            } else {
                println!(
                    "An RSA private key, PKCS#1 PEM (BEGIN RSA PRIVATE KEY), {} bits: this SDK reads it as is; \
                     for SDKs that want PKCS#8, convert it with:",
                    key.bits()
                );
                println!("  openssl pkcs8 -topk8 -nocrypt -in {name} -out {converted}");
            }
            print_public(&key.public_key())?;
        }
        "OPENSSH PRIVATE KEY" => {
            println!(
                "An OpenSSH private key (BEGIN OPENSSH PRIVATE KEY), which no Amazon Pay SDK reads."
            );
            println!("Convert a copy to PKCS#8 PEM (ssh-keygen rewrites the file it is given):");
            println!("  cp {name} {converted} && ssh-keygen -p -N '' -m PKCS8 -f {converted}");
            println!(
                "(If the key has a passphrase, ssh-keygen asks for it; -N '' leaves the copy unencrypted.)"
            );
        }
        "ENCRYPTED PRIVATE KEY" => {
            println!("An encrypted PKCS#8 private key. Decrypt a copy with:");
            println!("  openssl pkey -in {name} -out {converted}");
        }
        "PUBLIC KEY" => {
            let key = PublicKey::from_pem(text)?;
            println!(
                "An RSA public key (SubjectPublicKeyInfo PEM), {} bits: the form Seller Central takes.",
                key.bits()
            );
        }
        "RSA PUBLIC KEY" => {
            println!(
                "An RSA public key in PKCS#1 PEM (BEGIN RSA PUBLIC KEY). Seller Central wants BEGIN PUBLIC KEY:"
            );
            println!("  openssl rsa -RSAPublicKey_in -in {name} -pubout");
        }
        "CERTIFICATE" => {
            println!("An X.509 certificate, not a key. Its public key:");
            println!("  openssl x509 -in {name} -pubkey -noout");
        }
        other => {
            // The signing crate names what is wrong (EC, DSA, legacy encryption, …).
            let reason = PrivateKey::from_pem(text)
                .err()
                .map_or_else(|| "not a key".to_owned(), |e| e.to_string());
            bail!("{}: BEGIN {other}: {reason}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check_der(bytes: &[u8], name: &str, converted: &str) -> anyhow::Result<ExitCode> {
    if let Ok(key) = PrivateKey::from_der(bytes) {
        println!(
            "An RSA private key in DER (binary), {} bits. Convert it to PEM with:",
            key.bits()
        );
        println!("  openssl pkey -inform DER -in {name} -out {converted}");
        print_public(&key.public_key())?;
    } else if let Ok(key) = PublicKey::from_der(bytes) {
        println!(
            "An RSA public key in DER (binary), {} bits. Convert it to PEM for Seller Central with:",
            key.bits()
        );
        println!("  openssl pkey -pubin -inform DER -in {name} -pubout");
    } else {
        bail!("the file is binary but not a DER RSA key");
    }
    Ok(ExitCode::SUCCESS)
}

fn print_public(key: &PublicKey) -> anyhow::Result<()> {
    println!("Its public key, for Seller Central:");
    print!("{}", key.to_pem()?);
    Ok(())
}
