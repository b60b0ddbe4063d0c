//! French first names, last names and company names for generated cases.

use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

const FEMALE: &[&str] = &[
    "Alice",
    "Amandine",
    "Anaïs",
    "Aurore",
    "Bérénice",
    "Camille",
    "Capucine",
    "Céline",
    "Charlotte",
    "Clémence",
    "Delphine",
    "Elsa",
    "Émilie",
    "Fanny",
    "Faustine",
    "Hélène",
    "Jeanne",
    "Julie",
    "Justine",
    "Laetitia",
    "Laura",
    "Louise",
    "Lucie",
    "Manon",
    "Marion",
    "Mathilde",
    "Mélanie",
    "Morgane",
    "Nina",
    "Noémie",
    "Océane",
    "Pauline",
    "Salomé",
    "Samia",
    "Sarah",
    "Solène",
    "Yasmine",
    "Zoé",
    "Awa",
    "Lina",
];

const MALE: &[&str] = &[
    "Adrien",
    "Alexandre",
    "Arthur",
    "Baptiste",
    "Benoît",
    "Bilal",
    "Clément",
    "Damien",
    "David",
    "Étienne",
    "Florian",
    "Gabriel",
    "Guillaume",
    "Jérémy",
    "Kevin",
    "Loïc",
    "Lucas",
    "Malik",
    "Mathieu",
    "Médhi",
    "Nicolas",
    "Olivier",
    "Pierre",
    "Quentin",
    "Rémi",
    "Samuel",
    "Sébastien",
    "Simon",
    "Théo",
    "Victor",
    "Vincent",
    "Xavier",
    "Youssef",
    "Mamadou",
];

const LAST: &[&str] = &[
    "Arnaud",
    "Barbier",
    "Bertin",
    "Blanchard",
    "Bonnet",
    "Boyer",
    "Brun",
    "Carpentier",
    "Colin",
    "Da Silva",
    "Denis",
    "Diallo",
    "Duval",
    "Fabre",
    "Faure",
    "Fleury",
    "Gauthier",
    "Gilbert",
    "Guérin",
    "Henry",
    "Joly",
    "Lacroix",
    "Laurent",
    "Lemoine",
    "Marchand",
    "Masson",
    "Mercier",
    "Meyer",
    "Michel",
    "Morel",
    "Noël",
    "Ollivier",
    "Picard",
    "Renard",
    "Robin",
    "Roche",
    "Rousseau",
    "Schmitt",
    "Tessier",
    "Vidal",
    "Benoît",
    "Traoré",
];

const HEADS: &[&str] = &[
    "Atelier",
    "Maison",
    "Comptoir",
    "Studio",
    "Jardin",
    "La Fabrique",
    "Bureau",
    "Collectif",
    "Épicerie",
    "Petit",
    "Grand",
    "Sous",
    "Le Carré",
    "L’Échoppe",
];

const NOUNS: &[&str] = &[
    "Lune",
    "Brique",
    "Sarrasin",
    "Ficelle",
    "Colibri",
    "Galet",
    "Tilleul",
    "Noisette",
    "Boussole",
    "Lavande",
    "Marée",
    "Cerise",
    "Pigment",
    "Écorce",
    "Grenier",
    "Rivage",
    "Ardoise",
    "Bourrasque",
    "Chanvre",
    "Luciole",
    "Mistral",
    "Olivette",
    "Perle",
    "Sillon",
    "Vermeil",
    "Azur",
    "Bruyère",
    "Coquelicot",
    "Fougère",
    "Myrtille",
];

const TAILS: &[&str] = &[
    "", "", "", " & Co", " Studio", " Lab", " Paris", " Bio", " Atelier",
];

/// A first name (female or male).
pub fn first_name(female: bool, rng: &mut ChaCha8Rng) -> String {
    let list = if female { FEMALE } else { MALE };
    list.choose(rng).copied().unwrap_or("Alex").to_string()
}

/// A last name.
pub fn last_name(rng: &mut ChaCha8Rng) -> String {
    LAST.choose(rng).copied().unwrap_or("Martin").to_string()
}

/// A company name: `Atelier Luciole`, `Ficelle & Co`, `Marée Bio`…
pub fn company(rng: &mut ChaCha8Rng) -> String {
    let noun = NOUNS.choose(rng).copied().unwrap_or("Lune");
    if rand::RngExt::random_bool(rng, 0.5) {
        let head = HEADS.choose(rng).copied().unwrap_or("Atelier");
        format!("{head} {noun}")
    } else {
        let tail = TAILS.choose(rng).copied().unwrap_or("");
        format!("{noun}{tail}")
    }
}
