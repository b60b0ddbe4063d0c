//! Guessing the language of a transcript (with `whatlang`: small, deterministic, no model
//! files), for `glose import transcript` when `--language` is not given.

use crate::search::Lang;

/// A guessed language.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    /// The code to write in the header: glose's short code (`de`) when glose can stem the
    /// language, whatlang's ISO 639-3 code (`jpn`) otherwise.
    pub code: String,
    /// The language's English name.
    pub name: &'static str,
    /// Whether whatlang considers the guess reliable.
    pub reliable: bool,
    /// Whatlang's confidence, 0 to 1.
    pub confidence: f64,
}

/// Guesses the language of `text`; `None` when it has no letters to go by.
pub fn detect(text: &str) -> Option<Guess> {
    let info = whatlang::detect(text)?;
    let iso = info.lang().code();
    let code = Lang::parse(iso).map_or_else(|| iso.to_string(), |l| l.code().to_string());
    Some(Guess {
        code,
        name: info.lang().eng_name(),
        reliable: info.is_reliable(),
        confidence: info.confidence(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPHS: &[(&str, &str)] = &[
        (
            "fr",
            "Nous avons trouvé nos premiers clients grâce au bouche à oreille, puis les réseaux sociaux sont venus après. L’équipe est petite mais elle travaille beaucoup.",
        ),
        (
            "en",
            "We found our first customers through word of mouth, and social networks came later. The team is small but it works very hard every single day.",
        ),
        (
            "de",
            "Wir haben unsere ersten Kunden durch Mundpropaganda gefunden, und die sozialen Netzwerke kamen später. Das Team ist klein, aber es arbeitet sehr viel.",
        ),
        (
            "es",
            "Encontramos a nuestros primeros clientes gracias al boca a boca, y las redes sociales llegaron después. El equipo es pequeño pero trabaja mucho.",
        ),
        (
            "it",
            "Abbiamo trovato i nostri primi clienti grazie al passaparola, e i social network sono arrivati dopo. La squadra è piccola ma lavora moltissimo.",
        ),
        (
            "pt",
            "Encontramos os nossos primeiros clientes através do boca a boca, e as redes sociais vieram depois. A equipa é pequena, mas trabalha muito todos os dias.",
        ),
        (
            "nl",
            "We vonden onze eerste klanten via mond-tot-mondreclame, en de sociale netwerken kwamen later. Het team is klein, maar het werkt heel erg hard.",
        ),
        (
            "da",
            "Vi fandt vores første kunder gennem mund til mund, og de sociale netværk kom senere. Holdet er lille, men det arbejder meget hårdt hver eneste dag.",
        ),
        (
            "sv",
            "Vi hittade våra första kunder genom mun till mun, och de sociala nätverken kom senare. Laget är litet men det arbetar väldigt hårt varje dag.",
        ),
        (
            "no",
            "Jeg vet ikke hvordan vi skulle klart oss uten nettverket. Vi fikk de første kundene gjennom venner, og etterpå kom sosiale medier. Det var veldig viktig for oss.",
        ),
        (
            "fi",
            "Löysimme ensimmäiset asiakkaamme puskaradion kautta, ja sosiaalinen media tuli myöhemmin. Tiimi on pieni, mutta se tekee todella paljon töitä.",
        ),
        (
            "hu",
            "Az első ügyfeleinket szájhagyomány útján találtuk meg, a közösségi média csak később jött. A csapat kicsi, de nagyon keményen dolgozik minden nap.",
        ),
        (
            "ro",
            "Am găsit primii noștri clienți prin recomandări din gură în gură, iar rețelele sociale au venit mai târziu. Echipa este mică, dar muncește foarte mult.",
        ),
        (
            "tr",
            "İlk müşterilerimizi kulaktan kulağa bulduk, sosyal medya daha sonra geldi. Ekip küçük ama her gün çok sıkı çalışıyor ve büyümeye devam ediyor.",
        ),
        (
            "ru",
            "Мы нашли наших первых клиентов благодаря сарафанному радио, а социальные сети появились позже. Команда маленькая, но она очень много работает.",
        ),
        (
            "el",
            "Βρήκαμε τους πρώτους μας πελάτες από στόμα σε στόμα, και τα κοινωνικά δίκτυα ήρθαν αργότερα. Η ομάδα είναι μικρή, αλλά δουλεύει πολύ σκληρά.",
        ),
        (
            "ar",
            "وجدنا عملاءنا الأوائل من خلال التوصيات الشفهية، ثم جاءت الشبكات الاجتماعية لاحقا. الفريق صغير لكنه يعمل بجد كل يوم.",
        ),
        (
            "ta",
            "எங்கள் முதல் வாடிக்கையாளர்களை வாய்மொழி மூலம் கண்டுபிடித்தோம், சமூக வலைத்தளங்கள் பின்னர் வந்தன. குழு சிறியது ஆனால் மிகவும் கடினமாக உழைக்கிறது.",
        ),
    ];

    #[test]
    fn detects_every_language_glose_can_stem() {
        for (code, text) in PARAGRAPHS {
            let g = detect(text).unwrap();
            assert_eq!(g.code, *code, "{text}");
        }
        // Every stemmed language is covered.
        assert_eq!(PARAGRAPHS.len(), Lang::ALL.len() - 1);
    }

    #[test]
    fn a_few_words_are_unsure_and_a_language_without_stemmer_keeps_its_iso_code() {
        let g = detect("ok merci").unwrap();
        assert!(!g.reliable, "{g:?}");
        let g = detect("私たちは口コミで最初のお客様を見つけました。チームは小さいですが、とても頑張っています。").unwrap();
        assert_eq!(g.code, "jpn");
        assert!(detect("12 34 !!").is_none());
    }
}
