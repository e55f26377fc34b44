//! URL canonicalisation and domains.
//!
//! Canonical form: scheme and host lowercased, default port and fragment dropped, tracking
//! parameters (`utm_*`, `fbclid`, `gclid`, …) removed, an empty path written as `/`. The domain is
//! the host without a leading `www.`; links to a platform's own posts and media are not counted
//! as a domain, so "top domains" names the web that users point to.

/// Query parameters that only track clicks and never change the resource.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl",
    "ref_src", "ref_url", "yclid", "twclid", "si", "cmpid",
];

use crate::Platform;

/// Hosts whose links are a platform's own (statuses, media, profiles). Mastodon has none: its
/// instances are many, and its own links (mentions, tags) are recognised in the HTML instead.
fn platform_hosts(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::X => &[
            "twitter.com",
            "mobile.twitter.com",
            "x.com",
            "t.co",
            "pic.twitter.com",
            "pic.x.com",
        ],
        Platform::Reddit => &[
            "reddit.com",
            "old.reddit.com",
            "np.reddit.com",
            "new.reddit.com",
            "redd.it",
            "i.redd.it",
            "v.redd.it",
            "preview.redd.it",
            "external-preview.redd.it",
        ],
        Platform::Mastodon => &[],
        Platform::Bluesky => &["bsky.app", "cdn.bsky.app", "video.bsky.app"],
    }
}

fn is_tracking(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("utm_") || TRACKING.contains(&k.as_str())
}

/// The canonical form of an absolute http(s) URL; other strings are returned trimmed.
pub fn canonicalize(url: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let scheme = scheme.to_ascii_lowercase();
    let rest = rest.split('#').next().unwrap_or("");
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(auth_end);
    let mut host = authority.to_ascii_lowercase();
    if let Some(h) = host
        .strip_suffix(":80")
        .filter(|_| scheme == "http")
        .or_else(|| host.strip_suffix(":443").filter(|_| scheme == "https"))
    {
        host = h.to_string();
    }
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };
    let mut out = format!(
        "{scheme}://{host}{}",
        if path.is_empty() { "/" } else { path }
    );
    if let Some(q) = query {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|kv| !kv.is_empty() && !is_tracking(kv.split('=').next().unwrap_or("")))
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    out
}

/// The host of a URL, lowercased, without `www.` and port.
pub fn host(url: &str) -> Option<String> {
    let (_, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = authority.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The domain a link of a post on `platform` counts for, or `None` for the platform's own links
/// and non-web strings.
pub fn domain(platform: Platform, url: &str) -> Option<String> {
    let h = host(url)?;
    (!platform_hosts(platform).contains(&h.as_str())).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(
            canonicalize("HTTPS://WWW.Example.COM:443/a/B?utm_source=x&id=3&fbclid=z#frag"),
            "https://www.example.com/a/B?id=3"
        );
        assert_eq!(canonicalize("http://example.com"), "http://example.com/");
        assert_eq!(
            canonicalize("http://example.com:8080?a=1"),
            "http://example.com:8080/?a=1"
        );
        assert_eq!(canonicalize("not a url"), "not a url");
    }

    #[test]
    fn domains() {
        let x = Platform::X;
        assert_eq!(
            domain(x, "https://www.bbc.co.uk/news"),
            Some("bbc.co.uk".into())
        );
        assert_eq!(domain(x, "https://twitter.com/a/status/1"), None);
        assert_eq!(domain(x, "https://t.co/abc"), None);
        assert_eq!(domain(x, "nothing"), None);
        assert_eq!(
            domain(x, "https://www.reddit.com/r/a"),
            Some("reddit.com".into())
        );
        assert_eq!(domain(Platform::Reddit, "https://www.reddit.com/r/a"), None);
    }
}
