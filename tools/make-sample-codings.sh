#!/usr/bin/env bash
# Recreate the sample codings of the sample study (codings/coder-a.jsonl, codings/coder-b.jsonl)
# from tools/sample-codings.tsv, then add the coders' document and code memos.
#
# Usage: tools/make-sample-codings.sh            (runs glose with `cargo run --quiet --`)
#        GLOSE=/path/to/glose tools/make-sample-codings.sh
#
# The TSV has a header line, then one coding per line:
#   coder<TAB>doc<TAB>code<TAB>occurrence<TAB>quote<TAB>memo
# (occurrence empty = the quote's first or only occurrence; memo usually empty).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tsv="tools/sample-codings.tsv"
read -r -a glose <<< "${GLOSE:-cargo run --quiet --}"

rm -f codings/coder-a.jsonl codings/coder-b.jsonl

# Tabs are "IFS whitespace" for bash's read, so two tabs in a row (an empty occurrence)
# would be merged into one separator. The tabs are therefore turned into the unit separator
# (0x1F) before splitting, which keeps empty fields in place.
row=0
while IFS=$'\x1f' read -r coder doc code occurrence quote memo; do
    row=$((row + 1))
    [[ $row -eq 1 ]] && continue # header
    args=(code add --coder "$coder" --doc "$doc" --code "$code" --quote "$quote")
    [[ -n "$occurrence" ]] && args+=(--occurrence "$occurrence")
    [[ -n "$memo" ]] && args+=(--memo "$memo")
    if ! "${glose[@]}" "${args[@]}" > /dev/null; then
        echo "make-sample-codings: row $row of $tsv failed ($coder $doc $code)" >&2
        exit 1
    fi
done < <(tr '\t' '\037' < "$tsv")
echo "make-sample-codings: $((row - 1)) codings added" >&2

memo() { # memo CODER doc|code TARGET TEXT
    if ! "${glose[@]}" memo "$2" --coder "$1" "$3" "$4" > /dev/null; then
        echo "make-sample-codings: memo on $2 $3 ($1) failed" >&2
        exit 1
    fi
}

# Document memos
memo coder-a doc E03 "Entretien très riche sur l’avant-lancement : Instagram fait tout (co-création, testeuses, financement Ulule). À comparer avec E07 et E13, même schéma précommande → banque."
memo coder-a doc E04 "Cas B2B : LinkedIn apporte argent, partenaires, recrues et presse, mais pas les clients (YouTube). Bon contre-exemple à l’idée d’une plateforme unique."
memo coder-a doc E12 "Le corps de la fondatrice comme contenu et comme cible d’attaques. Le burn-out de fin 2022 marque une rupture dans l’organisation (délégation, calendrier)."
memo coder-a doc E18 "Questions de sécurité et de travail bénévole des ambassadeurs, peu présentes ailleurs. Stage : lancement en février 2020, croissance dès l’été 2020."
memo coder-b doc E01 "Entreprise pas encore lancée : presque tout est pre-launch, sauf le passage sur l’ouverture prévue en mars, que j’ai mis en launch (période projetée)."
memo coder-b doc E05 "Facebook (lives, Messenger) est à la fois magasin et service client ; Instagram délaissé depuis le départ de la fille. Frontière vente / relation client difficile à tenir."
memo coder-b doc E09 "Beaucoup de double codage lives / ventes et ugc / ambassadors. J’ai codé la partie « aujourd’hui » en consolidation, à discuter avec A."

# Code memos
memo coder-a code role.financing "Je code financing quand les précommandes paient explicitement une production ou un équipement (E02, E03, E08), sales sinon. Les levées de fonds via LinkedIn (E04, E17, E18) entrent aussi ici."
memo coder-a code stage "Code de groupe réservé aux passages qui résument toute la trajectoire (E03). « Aujourd’hui » = étape du cas dans cases.csv seulement quand le passage décrit la situation présente."
memo coder-a code practice "Utilisé pour des pratiques hors livre de codes : risques de l’exposition (copie, E11), ligne éditoriale sous contrainte réglementaire (loi Évin, E13, via practice.content). Proposer un code « risques » ?"
memo coder-b code practice.community.cocreation "Je ne code co-création que si le vote ou le test décide vraiment de quelque chose ; les sondages d’intérêt vont en market-knowledge (mais voir mes mémos sur E12)."
memo coder-b code role.customer-relationship "J’y mets aussi les questions pratiques sur les tailles et l’usage quand elles viennent de clientes, même avant achat. A les met plutôt en engagement : à harmoniser."
