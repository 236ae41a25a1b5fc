"""Where a dating phrase attaches in the parse: the phrase's tokens, the predicate it dates
(a verb, an event noun), the clause head that carries its subject, and the word that names
the event. Part of event extraction (``_extract.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._words import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# dependencies that start a clause of its own
_CLAUSAL = frozenset({"advcl", "relcl", "ccomp", "conj", "parataxis", "xcomp", "csubj", "acl", "ROOT"})
# words inside a prepositional dating phrase besides the timex ("at 3 a.m. local time")
_TIME_PHRASE_WORDS = frozenset({"local", "time", "gmt", "utc", "et", "est", "edt", "pt", "bst", "cet", "hrs", "hours", "about", "around", "approximately", "roughly", "some", "as", "early", "late", "as", "of", "the", "until", "till"})
# the words among them that say something of time themselves
_TIME_CONTENT = frozenset({"local", "time", "gmt", "utc", "et", "est", "edt", "pt", "bst", "cet", "hrs", "hours", "early", "late"})
# words right before a dating phrase that belong to it ("in late July", "later in the summer")
_TIME_PREPOSITIONS = frozenset({"in", "on", "at", "by", "during", "until", "till", "from", "since", "before", "after", "within", "through", "throughout", "over", "around", "about", "as", "of"})
_TIME_MODIFIERS = frozenset({"early", "late", "later", "earlier", "mid", "shortly", "just", "soon", "right", "only", "as", "recently"})
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})


def _is_event_noun(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower() or tok.lower_
    if tok.pos_ != "NOUN" or lemma in lex.not_event_nouns or tok.lower_ in lex.not_event_nouns:
        return False
    return lemma in lex.event_nouns or tok.lower_ in lex.event_nouns or (len(lemma) > 6 and lemma.endswith(lex.event_noun_suffixes))


def _phrase_tokens(span: Span, lex: Lexicon) -> set[int]:
    """The tokens of a dating phrase: the timex, the prepositions that introduce only it
    ("on Sunday", "at early on Tuesday local time"), and modifiers of either ("early on
    Sunday", "shortly before midnight", "late Tuesday")."""
    out = {t.i for t in span}

    def timeish(t: Token) -> bool:
        return t.i in out or t.lower_ in _TIME_PHRASE_WORDS or t.lower_ in lex.time_words or t.dep_ in ("punct", "cc") or t.like_num or (t.pos_ == "ADP" and t.i + 1 in out)

    tok = span.root
    for _ in range(3):  # the prepositions above the timex, while they hold nothing else
        prep = tok.head
        if prep == tok or prep.dep_ not in ("prep", "pobj", "npadvmod") or prep.pos_ not in ("ADP", "NOUN", "ADV"):
            break
        if not all(timeish(t) or t.dep_ == "advmod" for t in prep.subtree if t.i != prep.i):
            break
        if prep.pos_ == "NOUN" and not timeish(prep):
            break
        out.update(t.i for t in prep.subtree)
        for c in prep.head.children:
            if c.dep_ == "advmod" and c.i == prep.left_edge.i - 1 and c.lower_ in ("shortly", "just", "right", "soon", "long", "well", "early", "late", "later", "earlier"):
                out.add(c.i)
        tok = prep
    # what hangs on the phrase or sits right beside it and is only time words ("at early on
    # Tuesday local time")
    for _ in range(2):
        for i in sorted(out):
            t = span.doc[i]
            for c in list(t.children) + ([x for x in t.head.children if x != t] if t.head != t else []):
                if c.i in out:
                    continue
                sub = list(c.subtree)
                near = sub[0].i == max(out) + 1 or sub[-1].i == min(out) - 1 or c.head.i in out
                if near and all(timeish(x) for x in sub) and any(x.lower_ in _TIME_CONTENT or x.lower_ in lex.time_words or x.like_num for x in sub):
                    out.update(x.i for x in sub)
    # "Monday's": the possessive ending goes with the date
    for t in list(span):
        out.update(c.i for c in t.children if c.dep_ == "case")
    # a preposition or modifier right before the phrase ("in late July", "later in the
    # summer"), whatever the parser made of it, unless the date only modifies what follows
    # ("at Monday's hearing")
    doc = span.doc
    if span.root.dep_ in ("poss", "nummod", "compound", "amod", "nmod") and span.root.head.i not in out:
        return out
    k = min(out) - 1
    while k >= 0 and k not in out and (doc[k].lower_ in _TIME_PREPOSITIONS and doc[k].pos_ in ("ADP", "SCONJ") or doc[k].lower_ in _TIME_MODIFIERS):
        out.add(k)
        k -= 1
    return out


_RELATION_PREPS = frozenset({"since", "after", "before", "following", "amid", "during", "until", "ahead", "prior", "despite"})


def _event_noun_before(phrase: set[int], doc: Doc, lex: Lexicon) -> Token | None:
    """An event noun whose phrase ends right before the dating phrase, inside "since",
    "after", "following"... ("since Moscow's invasion of Ukraine in February 2022"): the
    date is the noun's, whatever the parser attached it to."""
    k = min(phrase) - 1
    if k < 0:
        return None
    tok = doc[k]
    for _ in range(6):
        head = tok.head
        if head == tok or head.right_edge.i != k:
            break
        tok = head
        if _relation_object(tok) and _is_event_noun(tok, lex):
            return tok
    # "put any deal to a vote of its members next week": an event noun that is an argument
    # of the verb a bare date (no preposition of its own) attaches to is what it dates
    first = doc[min(phrase)]
    if first.pos_ != "ADP" and first.lower_ not in _TIME_PREPOSITIONS:
        verb = next((doc[i].head for i in phrase if doc[i].head.i not in phrase), None)
        tok = doc[k]
        for _ in range(6):
            argument = tok.dep_ in ("dobj", "attr") and tok.head == verb or (tok.dep_ == "pobj" and tok.head.head == verb)
            if argument and _is_event_noun(tok, lex) and tok.right_edge.i == k:
                return tok
            if tok.head == tok or tok.head.right_edge.i != k:
                break
            tok = tok.head
    return None


def _relation_object(tok: Token) -> bool:
    """Whether a noun is the object of "since", "after", "ahead of", "prior to"... (or
    coordinated with one: "ahead of a trip and an address")."""
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ in _RELATION_PREPS or (prep.lower_ in ("of", "to") and prep.head.lower_ in _RELATION_PREPS)


def _predicate(root: Token, phrase: set[int], lex: Lexicon) -> tuple[Token, bool] | None:
    """The word a dating phrase dates, and whether it is a noun-phrase event."""
    noun = _event_noun_before(phrase, root.doc, lex)
    if noun is not None:
        return noun, True
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "poss", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN") and root.i < root.head.i and root.head.i not in phrase:
        # a date inside a noun phrase dates that noun ("the 1918 pandemic", "a 2003 letter",
        # "Monday's hearing"), never the verb around it; a thing that is no event ("the 1918
        # virus", "its 2009 sales target") has no date to give
        thing = root.head
        if _is_event_noun(thing, lex) or (thing.lemma_.lower() or thing.lower_) in lex.dated_nouns:
            return thing, True
        return None
    head = root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        if head.i in phrase or head.head != head:
            head = head.head if head.head != head else head
    if head == root:  # the phrase is the root of its sentence: dates nothing
        return None
    for _ in range(8):
        if head.pos_ in ("VERB", "AUX"):
            return head, False
        if head.pos_ in ("NOUN", "PROPN") and head.i not in phrase and (_is_event_noun(head, lex) or (head.lemma_.lower() or head.lower_) in lex.dated_nouns):
            return head, True
        if head.pos_ == "NOUN" and head.dep_ in ("advcl", "ccomp", "ROOT", "parataxis", "relcl") and any(c.dep_ in ("nsubj", "nmod", "amod", "det") for c in head.children):
            # a verb the parser took for a noun: "A water main burst early on Sunday, ..."
            if head.dep_ != "ROOT" or any(c.dep_ in ("prep", "advmod") for c in head.children):
                return head, False
        if head.dep_ in _CLAUSAL and head.pos_ not in ("ADJ", "ADV", "ADP") or head.head == head:
            break
        if head.dep_ == "prep" and head.lower_ == "since":
            return None  # "visits since the start of the pandemic in 2020": a bound, not this clause's date
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        return head, False
    if head.pos_ == "ADJ" and head.head.pos_ in ("VERB", "AUX"):
        return head.head, False
    return None


def _clause_head(verb: Token) -> Token:
    """Climb from a verb through xcomp chains to the clause that carries its subject:
    "Kim is expected to travel" -> "expected", "Kim is likely to head" -> "is"; an
    infinitive cannot stand alone either ("Forecasters expect the river to fall")."""
    for _ in range(8):
        head = verb.head
        to_form = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not _has_subject(verb)
        if verb.dep_ == "acl" and to_form and head.pos_ == "NOUN" and head.head.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            verb = head.head  # "began its attempt to seal the well": the attempt's clause
            continue
        infinitive = verb.dep_ in ("ccomp", "advcl") and to_form
        if verb.dep_ in ("xcomp", "advcl") and to_form and head.pos_ == "ADJ" and head.dep_ in ("ccomp", "xcomp", "oprd", "acomp") and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head  # "to make it easier to get a tight fit": the making
            continue
        participle = verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and not _has_subject(verb) and not any(c.dep_ in ("mark", "aux") for c in verb.children)
        if participle and verb.i < head.i and head.pos_ in ("VERB", "AUX"):
            verb = head  # "Speaking on television on Wednesday, Hayward said ...": the saying
            continue
        if (verb.dep_ != "xcomp" and not infinitive) or head == verb:
            break
        if head.pos_ in ("VERB", "AUX"):
            verb = head
        elif head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp") and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head
        else:
            break
    return verb


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children)


def _subject_tokens(verb: Token) -> list[Token]:
    """The subject a verb without one borrows: a conjoined or participial verb's head's."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl"):
            return list(c.subtree)
    if verb.pos_ not in ("VERB", "AUX"):
        return []  # a verb taken for a noun carries its subject as a modifier
    head = verb.head
    for _ in range(4):
        if head == verb or verb.dep_ not in ("conj", "xcomp", "advcl"):
            return []
        if head.pos_ in ("VERB", "AUX"):
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return list(c.subtree)
        verb, head = head, head.head
    return []


def _subject_head(pred: Token) -> Token | None:
    """The head word of a verb's subject, borrowed from the verb it is conjoined to if
    need be; a relative pronoun stands for its antecedent ("a meeting that would take
    place")."""
    subj = [t for t in _subject_tokens(pred) if t.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return None
    if subj[0].lower_ in _RELATIVE and pred.dep_ == "relcl":
        return pred.head
    return subj[0]


def _predicate_word(pred: Token, lex: Lexicon) -> str:
    """The lemma that names the event: the verb's, or for "the meeting would take place",
    "the vote happened", the subject's."""
    lemma = pred.lemma_.lower() or pred.lower_
    if lemma in lex.aspectual_verbs:
        # "began to collect oil": collecting; "ended the strike": the strike
        comp = next((c for c in pred.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if comp is not None:
            return comp.lemma_.lower() or comp.lower_
        obj = next((c for c in pred.children if c.dep_ == "dobj" and _is_event_noun(c, lex)), None)
        if obj is not None:
            return obj.lemma_.lower() or obj.lower_
        # "the walkout began", "the walkout, which started on Tuesday": the walkout
        head = _subject_head(pred)
        if head is not None and _is_event_noun(head, lex) and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in pred.children):
            return head.lemma_.lower() or head.lower_
    if lemma in lex.support_verbs:
        obj = next((c for c in pred.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and (_is_event_noun(c, lex) or c.lemma_.lower() in lex.synonym_of)), None)
        if obj is not None:
            return obj.lemma_.lower() or obj.lower_
    particle = " ".join([lemma] + [c.lower_ for c in pred.children if c.dep_ in ("dobj", "prt") and c.lower_ in ("place", "ahead")])
    if particle in lex.happening_verbs or lemma in lex.happening_verbs:
        head = _subject_head(pred)
        if head is not None and head.pos_ == "NOUN":
            return head.lemma_.lower() or head.lower_
    return lemma
