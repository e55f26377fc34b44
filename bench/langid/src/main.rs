//! Accuracy and speed of whatlang and whichlang on silver labels: `lang<TAB>text` lines (from
//! `silver.py`). Texts lose links, mentions and "RT" first (as crowdmine's `lang::detect`); X's
//! non-language tags (und, qme, …) are left out. A language outside a crate's list counts as an
//! error. Speed: 200 passes over the texts, one thread.
use std::time::Instant;
fn iso1_whatlang(l: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match l { Eng=>"en", Spa=>"es", Por=>"pt", Deu=>"de", Fra=>"fr", Ita=>"it", Nld=>"nl", Swe=>"sv", Rus=>"ru", Pol=>"pl", Jpn=>"ja", Kor=>"ko", Cmn=>"zh", Ara=>"ar", Tur=>"tr", Ind=>"in", Tgl=>"tl", Tam=>"ta", Hin=>"hi", Vie=>"vi", Tha=>"th", Ukr=>"uk", Dan=>"da", Fin=>"fi", Heb=>"he", _=>"other" }
}
fn iso1_whichlang(l: whichlang::Lang) -> &'static str {
    use whichlang::Lang::*;
    match l { Eng=>"en", Spa=>"es", Por=>"pt", Deu=>"de", Fra=>"fr", Ita=>"it", Nld=>"nl", Swe=>"sv", Rus=>"ru", Jpn=>"ja", Kor=>"ko", Cmn=>"zh", Ara=>"ar", Tur=>"tr", Hin=>"hi", Vie=>"vi", _=>"other" }
}
fn clean(t: &str) -> String {
    t.split_whitespace()
        .filter(|w| !(w.starts_with("http://") || w.starts_with("https://") || w.starts_with('@') || *w == "RT"))
        .collect::<Vec<_>>()
        .join(" ")
}
fn main() {
    for file in std::env::args().skip(1) {
        let data = std::fs::read_to_string(&file).unwrap();
        let cleaned = true;
        let owned: Vec<(String, String)> = data.lines().filter_map(|l| l.split_once('\t')).filter(|(l, _)| !["und","qst","qme","qht","qam","zxx","qct"].contains(l)).map(|(l, t)| (l.to_string(), if cleaned { clean(t) } else { t.to_string() })).collect();
        let pairs: Vec<(&str, &str)> = owned.iter().map(|(l, t)| (l.as_str(), t.as_str())).collect();
        let (mut a1, mut a2, mut n) = (0, 0, 0);
        let mut confusions1 = std::collections::BTreeMap::new();
        let mut confusions2 = std::collections::BTreeMap::new();
        for (l, t) in &pairs {
            n += 1;
            let w = whatlang::detect_lang(t).map(iso1_whatlang).unwrap_or("none");
            let x = iso1_whichlang(whichlang::detect_language(t));
            if w == *l { a1 += 1 } else { *confusions1.entry(format!("{l}->{w}")).or_insert(0) += 1 }
            if x == *l { a2 += 1 } else { *confusions2.entry(format!("{l}->{x}")).or_insert(0) += 1 }
        }
        println!("{file}: n={n} whatlang acc={:.4} whichlang acc={:.4}", a1 as f64 / n as f64, a2 as f64 / n as f64);
        println!("  whatlang errors {:?}", confusions1);
        println!("  whichlang errors {:?}", confusions2);
        // speed: 200 passes
        let reps = 200;
        let t0 = Instant::now(); let mut s = 0usize;
        for _ in 0..reps { for (_, t) in &pairs { s += whatlang::detect_lang(t).map(|l| l as usize).unwrap_or(0); } }
        let d1 = t0.elapsed();
        let t0 = Instant::now();
        for _ in 0..reps { for (_, t) in &pairs { s += whichlang::detect_language(t) as usize; } }
        let d2 = t0.elapsed();
        let bytes: usize = pairs.iter().map(|(_, t)| t.len()).sum::<usize>() * reps;
        println!("  speed: whatlang {:.0} texts/s {:.1} MB/s; whichlang {:.0} texts/s {:.1} MB/s ({s})",
            (n*reps) as f64 / d1.as_secs_f64(), bytes as f64 / d1.as_secs_f64() / 1e6,
            (n*reps) as f64 / d2.as_secs_f64(), bytes as f64 / d2.as_secs_f64() / 1e6);
    }
}
