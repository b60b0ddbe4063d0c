//! The key help texts in French, keyed by their English text in the bindings
//! (`keys.rs`, `keys_review.rs`), so that a binding stays one line of data and its
//! translation one line here. `keyhelp` shows the help in the interface language; a test
//! fails when a binding's help has no French line.

/// (English help of a binding, French).
pub const HELP_FR: &[(&str, &str)] = &[
    // Everywhere.
    (
        "quit (everything is already saved)",
        "quitter (tout est déjà enregistré)",
    ),
    (
        "show the keys of this pane",
        "afficher les touches de ce volet",
    ),
    ("next pane", "volet suivant"),
    ("previous pane", "volet précédent"),
    ("search the corpus", "chercher dans le corpus"),
    ("next search hit", "résultat de recherche suivant"),
    ("previous search hit", "résultat de recherche précédent"),
    (
        "retrieve the passages of a code",
        "extraire les passages d’un code",
    ),
    (
        "orphaned codings to place again",
        "codages orphelins à replacer",
    ),
    ("jump to a document", "aller à un document"),
    ("undo", "annuler"),
    ("redo", "rétablir"),
    (
        "language: French / English (words and labels)",
        "langue : français / anglais (mots et libellés)",
    ),
    (
        "agreement: per-code table, review the disagreements",
        "accord : tableau par code, examen des désaccords",
    ),
    // Documents.
    ("previous document", "document précédent"),
    ("next document", "document suivant"),
    ("page up", "page précédente"),
    ("page down", "page suivante"),
    ("first document", "premier document"),
    ("last document", "dernier document"),
    ("open the document", "ouvrir le document"),
    (
        "filter (id, company, stage, any attribute)",
        "filtrer (id, entreprise, étape, tout attribut)",
    ),
    ("clear the filter", "effacer le filtre"),
    ("memo on the document", "mémo sur le document"),
    // Transcript.
    ("cursor left", "curseur à gauche"),
    ("cursor right", "curseur à droite"),
    ("line up", "ligne précédente"),
    ("line down", "ligne suivante"),
    ("half page up", "demi-page précédente"),
    ("half page down", "demi-page suivante"),
    ("top of the transcript", "début de la transcription"),
    ("bottom of the transcript", "fin de la transcription"),
    ("next word", "mot suivant"),
    ("previous word", "mot précédent"),
    ("end of word", "fin du mot"),
    ("next sentence", "phrase suivante"),
    ("previous sentence", "phrase précédente"),
    ("next speaker turn", "tour de parole suivant"),
    ("previous speaker turn", "tour de parole précédent"),
    ("next coding", "codage suivant"),
    ("previous coding", "codage précédent"),
    (
        "start / stop selecting (then move to extend)",
        "commencer / arrêter la sélection (puis se déplacer pour l’étendre)",
    ),
    (
        "select the sentence (again: add the next)",
        "sélectionner la phrase (à nouveau : ajouter la suivante)",
    ),
    (
        "select the turn (again: add the next)",
        "sélectionner le tour de parole (à nouveau : ajouter le suivant)",
    ),
    (
        "select the coding under the cursor",
        "sélectionner le codage sous le curseur",
    ),
    ("clear the selection", "effacer la sélection"),
    (
        "code the selection (picker)",
        "coder la sélection (choix du code)",
    ),
    (
        "apply recent code 1 (1-9)",
        "appliquer le code récent 1 (1-9)",
    ),
    (
        "remove the coding under the cursor",
        "retirer le codage sous le curseur",
    ),
    (
        "change the code of the coding under the cursor",
        "changer le code du codage sous le curseur",
    ),
    (
        "give the coding under focus the selected span (resize, place)",
        "donner au codage actif le passage sélectionné (redimensionner, placer)",
    ),
    (
        "in-vivo: a new code named after the selection, applied",
        "in vivo : un nouveau code nommé d’après la sélection, appliqué",
    ),
    (
        "add the coding's passage to its code's examples",
        "ajouter le passage du codage aux exemples de son code",
    ),
    (
        "memo on the coding under the cursor",
        "mémo sur le codage sous le curseur",
    ),
    (
        "play the recording from this passage's time",
        "écouter l’enregistrement à partir de ce passage",
    ),
    // Codebook.
    ("previous code", "code précédent"),
    ("next code", "code suivant"),
    ("first code", "premier code"),
    ("last code", "dernier code"),
    (
        "apply the code to the selection",
        "appliquer le code à la sélection",
    ),
    ("memo on the code", "mémo sur le code"),
    (
        "new code beside this one",
        "nouveau code à côté de celui-ci",
    ),
    ("new code under this one", "nouveau code sous celui-ci"),
    ("rename the code", "renommer le code"),
    (
        "edit the code: labels, definition, when to use and not, examples, colour",
        "modifier le code : libellés, définition, quand l’utiliser ou non, exemples, couleur",
    ),
    (
        "move the code under another parent (picker)",
        "déplacer le code sous un autre parent (choix)",
    ),
    (
        "merge the code into another (its codings follow)",
        "fusionner le code dans un autre (ses codages suivent)",
    ),
    (
        "delete the code (refused while codings use it)",
        "supprimer le code (refusé tant que des codages l’utilisent)",
    ),
    (
        "retrieve this code's passages",
        "extraire les passages de ce code",
    ),
    (
        "scroll the definition down",
        "faire défiler la définition vers le bas",
    ),
    (
        "scroll the definition up",
        "faire défiler la définition vers le haut",
    ),
    // Picker, memo, prompt, form.
    (
        "apply the code (on «create»: create it from the typed text, then apply)",
        "appliquer le code (sur «créer» : le créer d’après le texte tapé, puis l’appliquer)",
    ),
    (
        "choose the parent of the code «create» would make",
        "choisir le parent du code que «créer» ferait",
    ),
    ("cancel", "annuler"),
    ("save the memo and close", "enregistrer le mémo et fermer"),
    ("close without saving", "fermer sans enregistrer"),
    ("do it", "valider"),
    ("save the code and close", "enregistrer le code et fermer"),
    ("next field", "champ suivant"),
    ("previous field", "champ précédent"),
    // Search, retrieve, orphans.
    ("previous hit", "résultat précédent"),
    ("next hit", "résultat suivant"),
    ("go to the passage", "aller au passage"),
    ("edit the query", "modifier la requête"),
    ("close", "fermer"),
    ("previous passage", "passage précédent"),
    ("next passage", "passage suivant"),
    (
        "whose codings: mine, each coder, all",
        "codages de qui : les miens, chaque codeur, tous",
    ),
    (
        "group by document / by stage",
        "grouper par document / par étape",
    ),
    (
        "filter by attribute (sector=artisanat)",
        "filtrer par attribut (secteur=artisanat)",
    ),
    ("pick another code", "choisir un autre code"),
    (
        "mark / unmark the passage for a split",
        "marquer / démarquer le passage pour une scission",
    ),
    (
        "split: move the marked passages (or this one) to a new or existing code",
        "scinder : déplacer les passages marqués (ou celui-ci) vers un code nouveau ou existant",
    ),
    ("previous orphan", "orphelin précédent"),
    ("next orphan", "orphelin suivant"),
    (
        "go there to place it (select, then a)",
        "y aller pour le placer (sélectionner, puis a)",
    ),
    // Review.
    ("first code (the worst)", "premier code (le moins bon)"),
    (
        "all codes (the pooled line)",
        "tous les codes (la ligne d’ensemble)",
    ),
    (
        "step through this code's disagreements (all codes on the pooled line)",
        "parcourir les désaccords de ce code (tous les codes sur la ligne d’ensemble)",
    ),
    (
        "choose the compared coders and documents",
        "choisir les codeurs et documents comparés",
    ),
    ("undo the last decision", "annuler la dernière décision"),
    ("redo a decision", "rétablir une décision"),
    ("close the agreement view", "fermer la vue de l’accord"),
    ("next disagreement", "désaccord suivant"),
    ("previous disagreement", "désaccord précédent"),
    (
        "take coder 1's version (2-9: coder 2-9)",
        "prendre la version du codeur 1 (2-9 : codeur 2-9)",
    ),
    (
        "keep both (every coder's) versions",
        "garder les deux versions (celles de chaque codeur)",
    ),
    (
        "none: the code does not apply",
        "aucune : le code ne s’applique pas",
    ),
    (
        "edit: select a new span, then pick its code",
        "modifier : sélectionner un nouveau passage, puis choisir son code",
    ),
    ("scroll up", "défiler vers le haut"),
    ("scroll down", "défiler vers le bas"),
    (
        "back to the table (it is recomputed)",
        "retour au tableau (il est recalculé)",
    ),
    (
        "pick the code of the selected span (confirms the decision)",
        "choisir le code du passage sélectionné (confirme la décision)",
    ),
    ("cancel the edit", "annuler la modification"),
    // Search results: marks and auto-coding (main's #18 features).
    (
        "mark / unmark the hit (to auto-code only the marked ones)",
        "marquer / démarquer le résultat (pour ne coder automatiquement que les marqués)",
    ),
    (
        "auto-code the hits (or the marked ones) with a code: preview, then one undo",
        "coder automatiquement les résultats (ou les marqués) avec un code : aperçu, puis une seule annulation",
    ),
    // The segments reader.
    (
        "group by document, stage, coder or code",
        "regrouper par document, étape, codeur ou code",
    ),
    (
        "recode the passage (your codings)",
        "recoder le passage (vos codages)",
    ),
    (
        "memo on the passage's coding (yours)",
        "mémo sur le codage du passage (le vôtre)",
    ),
    (
        "more context (sentences before and after)",
        "plus de contexte (phrases avant et après)",
    ),
    ("less context", "moins de contexte"),
    (
        "export what is shown (file in exports/)",
        "exporter ce qui est affiché (fichier dans exports/)",
    ),
    (
        "export format: md, html, csv, tsv, jsonl, xlsx",
        "format d’export : md, html, csv, tsv, jsonl, xlsx",
    ),
    // Other coders on screen, duplicate spans.
    (
        "show other coders' codings beside yours (choose whose)",
        "afficher les codages d’autres codeurs à côté des vôtres (choisir lesquels)",
    ),
    (
        "merge your overlapping codings of one code here",
        "fusionner ici vos codages superposés d’un même code",
    ),
    ("previous coder", "codeur précédent"),
    ("next coder", "codeur suivant"),
    (
        "show / hide this coder's codings",
        "afficher / masquer les codages de ce codeur",
    ),
    ("all coders / none", "tous les codeurs / aucun"),
    ("apply", "appliquer"),
    // The auto-coding preview.
    (
        "code every passage shown (one change, one undo)",
        "coder chaque passage affiché (un seul changement, une seule annulation)",
    ),
    (
        "unit: the sentence, the turn or the whole hit",
        "unité : la phrase, le tour de parole ou le résultat entier",
    ),
    ("cancel: nothing is coded", "annuler : rien n’est codé"),
    // The assistants (#21).
    (
        "suggestions of a code for this document, learned from your codings",
        "suggestions d’un code pour ce document, apprises de vos codages",
    ),
    (
        "passages like the selection or the coding under the cursor",
        "passages semblables à la sélection ou au codage sous le curseur",
    ),
    (
        "consistency review: near-identical passages coded differently, likely miscodings",
        "examen de cohérence : passages presque identiques codés différemment, codages probablement erronés",
    ),
    (
        "back to the list left with Enter (suggestions, similar, consistency)",
        "retour à la liste quittée avec Entrée (suggestions, semblables, cohérence)",
    ),
    ("previous suggestion", "suggestion précédente"),
    ("next suggestion", "suggestion suivante"),
    (
        "accept: code the passage (undo with u)",
        "accepter : coder le passage (u pour annuler)",
    ),
    (
        "reject: never propose this passage for this code again",
        "rejeter : ne plus jamais proposer ce passage pour ce code",
    ),
    (
        "go to the passage (; comes back to the list)",
        "aller au passage (; revient à la liste)",
    ),
    ("suggestions of another code", "suggestions d’un autre code"),
    (
        "which passages: all, uncoded, coded by me",
        "quels passages : tous, non codés, codés par moi",
    ),
    ("previous item", "élément précédent"),
    ("next item", "élément suivant"),
    (
        "recode: change the code of your coding here (or code the passage)",
        "recoder : changer le code de votre codage ici (ou coder le passage)",
    ),
    (
        "keep: the coding is right as it is",
        "garder : le codage est juste tel quel",
    ),
    (
        "memo on the coding here (or on the document)",
        "mémo sur le codage ici (ou sur le document)",
    ),
];

/// The French of a binding's English help, if there is one.
pub fn french(en: &str) -> Option<&'static str> {
    HELP_FR
        .iter()
        .find(|(e, _)| *e == en)
        .map(|(_, f)| *f)
        .or_else(|| {
            super::strings::KEY_HELP_WORDS
                .iter()
                .find(|w| w.0.en == en)
                .map(|w| w.0.fr)
        })
}
