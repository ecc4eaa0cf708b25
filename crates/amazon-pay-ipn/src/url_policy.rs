//! Checks on the URLs a message names, before anything is fetched.

use url::{Host, Url};

use crate::error::UrlRejection;

/// Which hosts a message may send the verifier to.
///
/// The default accepts only `https://sns.<region>.amazonaws.com` with a region-shaped
/// `<region>` (`us-east-1`, `us-gov-west-1`; see [`is_sns_host`]), port 443, no user
/// information; certificate URLs must also have a path ending in `.pem` and no query or
/// fragment. Look-alikes such as `sns.us-east-1.amazonaws.com.evil.example`
/// or other Amazon hosts such as `s3.amazonaws.com` are refused.
///
/// Tests and emulators add their own host with [`UrlPolicy::allow_host`]; plain `http` can be
/// allowed for those extra hosts only ([`UrlPolicy::allow_plain_http`]), never for SNS hosts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlPolicy {
    extra_hosts: Vec<String>,
    plain_http_for_extra_hosts: bool,
}

impl UrlPolicy {
    /// The production policy: Amazon SNS hosts over https only.
    pub fn amazon_sns() -> Self {
        Self::default()
    }

    /// Also accept `authority`: a host name or IP literal, optionally with `:port`
    /// (`127.0.0.1:8443`, `[::1]:9000`, `emulator.test`). Without a port only 443 matches.
    pub fn allow_host(mut self, authority: impl Into<String>) -> Self {
        self.extra_hosts.push(authority.into().to_ascii_lowercase());
        self
    }

    /// Accept plain `http` for the hosts added with [`UrlPolicy::allow_host`] (tests only).
    pub fn allow_plain_http(mut self, allow: bool) -> Self {
        self.plain_http_for_extra_hosts = allow;
        self
    }

    /// Checks a `SigningCertURL`: an allowed host, and a path ending in `.pem`.
    pub fn check_signing_cert_url(&self, url: &str) -> Result<Url, UrlRejection> {
        let url = self.check_host(url)?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(UrlRejection::QueryOrFragment);
        }
        if !url.path().ends_with(".pem") {
            return Err(UrlRejection::NotPem);
        }
        Ok(url)
    }

    /// Checks a `SubscribeURL` (or any other URL the application means to visit): an allowed host.
    pub fn check_subscribe_url(&self, url: &str) -> Result<Url, UrlRejection> {
        self.check_host(url)
    }

    /// Checks a certificate's `caIssuers` URL before fetching an intermediate from it: `http`
    /// or `https` on a host under `amazontrust.com` (the Amazon Trust Services repository),
    /// or an allowed extra host. Plain `http` is acceptable here because what it returns is
    /// only used as a link of a chain that must still end at a trusted root.
    pub fn check_issuer_url(&self, raw: &str) -> Result<Url, UrlRejection> {
        let url = Url::parse(raw).map_err(|_| UrlRejection::Unparsable)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(UrlRejection::UserInfo);
        }
        if !matches!(url.scheme(), "http" | "https") {
            return Err(UrlRejection::NotHttps);
        }
        let Some(Host::Domain(domain)) = url.host() else {
            return self.check_host(raw);
        };
        let domain = domain.to_ascii_lowercase();
        if !domain.ends_with(".amazontrust.com") {
            return self.check_host(raw);
        }
        if url.port().is_some() {
            return Err(UrlRejection::Port);
        }
        Ok(url)
    }

    fn check_host(&self, raw: &str) -> Result<Url, UrlRejection> {
        let url = Url::parse(raw).map_err(|_| UrlRejection::Unparsable)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(UrlRejection::UserInfo);
        }
        let host = match url.host() {
            Some(Host::Domain(domain)) => domain.to_ascii_lowercase(),
            Some(Host::Ipv4(ip)) => ip.to_string(),
            Some(Host::Ipv6(ip)) => format!("[{ip}]"),
            None => return Err(UrlRejection::Unparsable),
        };
        let authority = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.clone(),
        };
        let extra = self.extra_hosts.contains(&authority);
        let scheme_ok = match url.scheme() {
            "https" => true,
            "http" => extra && self.plain_http_for_extra_hosts,
            _ => false,
        };
        if !scheme_ok {
            return Err(UrlRejection::NotHttps);
        }
        if extra {
            return Ok(url);
        }
        if !is_sns_host(&host) {
            return Err(UrlRejection::Host);
        }
        if url.port().is_some_and(|port| port != 443) {
            return Err(UrlRejection::Port);
        }
        Ok(url)
    }
}

/// Whether `host` is `sns.<region>.amazonaws.com` with a region-shaped `<region>`.
///
/// A region is two letters, optionally `-gov`, a `-`, a direction word of letters (`east`,
/// `southeast`, `central`, ...), a `-` and a number: `us-east-1`, `eu-west-1`, `ap-southeast-2`,
/// `us-gov-west-1`. This is stricter on purpose than the `sns.<anything>.amazonaws.com` pattern
/// of AWS's own message validators: S3 virtual-host names such as `sns.s3-us-west-2.amazonaws.com`
/// or `sns.s3-accelerate.amazonaws.com` are not SNS hosts, and anyone can create a bucket named
/// `sns`. The China partition (`.amazonaws.com.cn`) is not accepted: Amazon Pay has no region
/// there. The comparison ignores ASCII case; a trailing dot is not accepted.
pub fn is_sns_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host.strip_prefix("sns.")
        .and_then(|rest| rest.strip_suffix(".amazonaws.com"))
        .is_some_and(is_region)
}

/// `us-east-1`, `us-gov-west-1`: two letters, optionally `-gov`, then `-letters-digits`.
fn is_region(label: &str) -> bool {
    let letters = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase());
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = label.split('-').collect();
    let (country, direction, number) = match parts.as_slice() {
        [country, direction, number] | [country, "gov", direction, number] => {
            (*country, *direction, *number)
        }
        _ => return false,
    };
    country.len() == 2
        && letters(country)
        && letters(direction)
        && direction != "gov"
        && digits(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sns_hosts() {
        for host in [
            "sns.us-east-1.amazonaws.com",
            "SNS.EU-WEST-1.AMAZONAWS.COM",
            "sns.us-gov-west-1.amazonaws.com",
            "sns.ap-southeast-2.amazonaws.com",
            "sns.il-central-1.amazonaws.com",
        ] {
            assert!(is_sns_host(host), "{host}");
        }
        for host in [
            "sns.amazonaws.com",
            "sns.us.amazonaws.com",
            "sns.us-east-1.amazonaws.com.",
            "sns.us-east-1.amazonaws.com.evil.example",
            "s3.amazonaws.com",
            "sns.us_east_1.amazonaws.com",
            "sns.a.b.amazonaws.com",
            "xsns.us-east-1.amazonaws.com",
            "evil.example",
            // S3 virtual-host names: buckets called `sns`, not SNS.
            "sns.s3-accelerate.amazonaws.com",
            "sns.s3-us-west-2.amazonaws.com",
            "sns.s3-external-1.amazonaws.com",
            "sns.s3.amazonaws.com",
            "sns.s3.us-east-1.amazonaws.com",
            "sns.s3-website-us-east-1.amazonaws.com",
            // Not region-shaped.
            "sns.useast1.amazonaws.com",
            "sns.usa-east-1.amazonaws.com",
            "sns.us-east.amazonaws.com",
            "sns.us-east-1a.amazonaws.com",
            "sns.us-gov-1.amazonaws.com",
            "sns.us--1.amazonaws.com",
            "sns.us-east-1-.amazonaws.com",
            // The China partition is not accepted.
            "sns.cn-north-1.amazonaws.com.cn",
        ] {
            assert!(!is_sns_host(host), "{host}");
        }
    }

    #[test]
    fn certificate_urls() {
        let policy = UrlPolicy::amazon_sns();
        let good = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123.pem";
        assert!(policy.check_signing_cert_url(good).is_ok());
        assert!(
            policy
                .check_signing_cert_url("https://sns.us-east-1.amazonaws.com:443/a.pem")
                .is_ok()
        );
        let cases = [
            (
                "http://sns.us-east-1.amazonaws.com/a.pem",
                UrlRejection::NotHttps,
            ),
            (
                "ftp://sns.us-east-1.amazonaws.com/a.pem",
                UrlRejection::NotHttps,
            ),
            (
                "https://sns.us-east-1.amazonaws.com.evil.example/a.pem",
                UrlRejection::Host,
            ),
            ("https://s3.amazonaws.com/x.pem", UrlRejection::Host),
            ("https://127.0.0.1/x.pem", UrlRejection::Host),
            (
                "https://sns.us-east-1.amazonaws.com/a.txt",
                UrlRejection::NotPem,
            ),
            ("https://sns.us-east-1.amazonaws.com/", UrlRejection::NotPem),
            (
                "https://sns.us-east-1.amazonaws.com/a.pem?x=1",
                UrlRejection::QueryOrFragment,
            ),
            (
                "https://sns.us-east-1.amazonaws.com/a.pem#x",
                UrlRejection::QueryOrFragment,
            ),
            (
                "https://sns.us-east-1.amazonaws.com:8443/a.pem",
                UrlRejection::Port,
            ),
            (
                "https://u:p@sns.us-east-1.amazonaws.com/a.pem",
                UrlRejection::UserInfo,
            ),
            (
                "https://u@sns.us-east-1.amazonaws.com/a.pem",
                UrlRejection::UserInfo,
            ),
            ("/a.pem", UrlRejection::Unparsable),
            ("", UrlRejection::Unparsable),
        ];
        for (url, reason) in cases {
            assert_eq!(policy.check_signing_cert_url(url), Err(reason), "{url}");
        }
    }

    #[test]
    fn subscribe_urls_need_no_pem() {
        let policy = UrlPolicy::amazon_sns();
        let url = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t";
        assert!(policy.check_subscribe_url(url).is_ok());
        assert_eq!(
            policy.check_subscribe_url("https://evil.example/?Action=ConfirmSubscription"),
            Err(UrlRejection::Host)
        );
    }

    #[test]
    fn issuer_urls() {
        let policy = UrlPolicy::amazon_sns();
        assert!(
            policy
                .check_issuer_url("http://crt.r2m02.amazontrust.com/r2m02.cer")
                .is_ok()
        );
        assert_eq!(
            policy.check_issuer_url("http://crt.amazontrust.com.evil.example/r.cer"),
            Err(UrlRejection::NotHttps)
        );
        assert_eq!(
            policy.check_issuer_url("https://evil.example/r.cer"),
            Err(UrlRejection::Host)
        );
        assert_eq!(
            policy.check_issuer_url("http://crt.amazontrust.com:8080/r.cer"),
            Err(UrlRejection::Port)
        );
        assert_eq!(
            policy.check_issuer_url("file:///etc/passwd"),
            Err(UrlRejection::NotHttps)
        );
    }

    #[test]
    fn extra_hosts() {
        let policy = UrlPolicy::amazon_sns().allow_host("127.0.0.1:8443");
        assert!(
            policy
                .check_signing_cert_url("https://127.0.0.1:8443/ca/leaf.pem")
                .is_ok()
        );
        assert_eq!(
            policy.check_signing_cert_url("https://127.0.0.1:9443/ca/leaf.pem"),
            Err(UrlRejection::Host)
        );
        assert_eq!(
            policy.check_signing_cert_url("http://127.0.0.1:8443/ca/leaf.pem"),
            Err(UrlRejection::NotHttps)
        );
        let http = policy.clone().allow_plain_http(true);
        assert!(
            http.check_signing_cert_url("http://127.0.0.1:8443/ca/leaf.pem")
                .is_ok()
        );
        assert_eq!(
            http.check_signing_cert_url("http://sns.us-east-1.amazonaws.com/a.pem"),
            Err(UrlRejection::NotHttps)
        );
        let v6 = UrlPolicy::amazon_sns().allow_host("[::1]:9000");
        assert!(
            v6.check_signing_cert_url("https://[::1]:9000/a.pem")
                .is_ok()
        );
    }
}
