"""Word lists the extractor is driven by. Lower-case unless noted."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _verb_forms(base: str, past: str | None = None, ing: str | None = None) -> set[str]:
    """All inflected forms of a regular (or lightly irregular) verb."""
    stem = base[:-1] if base.endswith("e") else base
    third = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if base.endswith("y") and base[-2] not in "aeiou":
        third, past = base[:-1] + "ies", past or base[:-1] + "ied"
    return {base, third, past or stem + "ed", ing or stem + "ing"}


_REGULAR_SPEECH_VERBS = """
    add tweet continue note explain state respond reply declare conclude argue pledge insist
    promise warn suggest recall claim shout vow announce acknowledge remark assure ask joke
    blast answer yell lament emphasize emphasise boast assert concede predict complain post
    charge bark chant report stress observe urge cry scream mutter whisper repeat confirm
    deny reiterate tout testify maintain contend retort counter demand exclaim proclaim
    mention caution plead reason muse sigh fume quote reveal opine protest pronounce allege
    estimate talk accuse describe call thunder rail beam gush summarize scold
""".split()
_IRREGULAR_SPEECH_VERBS: list[tuple[str, str | None, str | None]] = [
    ("say", "said", "saying"),
    ("tell", "told", "telling"),
    ("write", "wrote", "writing"),
    ("admit", "admitted", "admitting"),
    ("quip", "quipped", "quipping"),
    ("snap", "snapped", "snapping"),
    ("speak", "spoke", None),
    ("brag", "bragged", "bragging"),
    ("read", "read", None),
    ("sing", "sang", "singing"),
    ("echo", "echoed", "echoing"),
    ("rap", "rapped", "rapping"),
]
_SPEECH_VERBS = [(base, None, None) for base in _REGULAR_SPEECH_VERBS] + _IRREGULAR_SPEECH_VERBS

REPORTING_VERBS: frozenset[str] = frozenset(
    form for base, past, ing in _SPEECH_VERBS for form in _verb_forms(base, past, ing)
) | {"commented", "commenting", "according", "put", "puts", "went on", "goes on"}

# Verbs that introduce reported speech ("X said (that) CLAUSE"); narrower than REPORTING_VERBS
# because "called", "asked", "described" rarely take a clause.
_CLAUSE_VERB_BASES = _words("""
    say tell add write note explain state declare conclude argue insist promise warn admit suggest
    claim announce acknowledge assure assert concede predict complain report stress observe confirm
    reiterate maintain contend reveal allege emphasize emphasise pledge vow recall tweet testify
""")
CLAUSE_VERBS: frozenset[str] = frozenset(
    form
    for base, past, ing in _SPEECH_VERBS
    if base in _CLAUSE_VERB_BASES
    for form in _verb_forms(base, past, ing)
)

# Words that may sit between a speaker and the cue ("he also said", "she later told").
CUE_ADVERBS: frozenset[str] = _words("""
    again also angrily bluntly did does earlier even famously finally flatly frankly further
    had has have herself himself itself just later not often once only previously privately
    publicly quickly recently repeatedly reportedly simply subsequently tersely themselves
    then to was will would
""")

PRONOUNS: frozenset[str] = _words("""
    he i it she they we you
""")

PERSON_PRONOUNS: frozenset[str] = _words("""
    he she they
""")

OBJECT_PRONOUNS: frozenset[str] = _words("""
    her him me them us
""")

# Honorifics and titles that prefix a name; lower-case, without the dot.
HONORIFICS: frozenset[str] = _words("""
    adm capt col dame dr fr gen gov govs hon lady lord lt maj messrs miss mr mrs ms prof rep
    reps rev sen sens sgt sir
""")

TITLES: frozenset[str] = _words("""
    acting activist admiral afghan ambassador american analyst anchor archbishop attorney
    author ayatollah bishop british candidate captain cardinal ceo chair chairman chairwoman
    chancellor chief chinese coach colonel columnist commander commissioner congressman
    congresswoman councilman councilwoman defence defense delegate democrat democratic
    deputy director dr economist editor emir envoy eu executive first foreign former founder
    french general german gop gov governor host inspector judge justice king lady leader
    lieutenant mayor minister mr mrs ms nato nominee officer pope premier president prime
    prince princess professor queen rabbi rep representative republican reverend russian
    secretary sen senator senior sergeant sheikh sheriff speaker spokesman spokesperson
    spokeswoman state superintendent treasurer turkish u.s. uk un us vice
    actor actress adviser advisor aide assemblyman assemblywoman cfo co-founder cofounder
    comedian consultant correspondent councillor councilor critic designate detective doctor
    elect ex goalie goaltender historian investor lawmaker lawyer legislator manager mla mp
    mpp organiser organizer owner physician pitcher pollster prosecutor quarterback rapper
    reporter researcher retired scientist singer strategist trooper whip writer
""")

# Descriptions an article uses instead of a name ("the secretary", "the senator", "the daily").
DESCRIPTION_HEADS: frozenset[str] = _words("""
    actor actress agency ambassador author billionaire businessman campaign candidate
    chairman chancellor chief commission commissioner committee company congressman
    congresswoman court daily democrat department diplomat director envoy front-runner
    frontrunner general governor group host judge king lady lawmaker leader magazine man
    mayor minister ministry mogul network newspaper nominee official officials organisation
    organization outlet paper pope premier president prince queen report republican
    secretary senator singer spokesman spokesperson spokeswoman star statement website woman
""")

ORGANIZATION_WORDS: frozenset[str] = _words("""
    administration afp agency ap army association bank bbc board bureau campaign center
    centre cnn commission committee company corp council court daily department eu
    foundation fund government group guardian herald house inc institute journal kremlin
    magazine ministry nato network news office party pentagon police post press reuters
    senate service telegraph times tribune un union university
""")

# Single-word abbreviations that end with a dot without ending a sentence.
ABBREVIATIONS: frozenset[str] = _words("""
    a.m adm al approx apr ariz aug ave blvd calif capt co col corp d.c dec dr e.g e.u etc
    feb fig fla ft gen gov hon i.e ill inc jan jr jul jun lt ltd maj mar mass messrs mich mr
    mrs ms mt no nov oct p.m pa prof rep reps rev sen sens sep sept sgt sr st tenn u.k u.n u.s
    vs wash
""")

FUNCTION_WORDS: frozenset[str] = _words("""
    a about after also an and as asked at be been before but by during earlier for friday
    from here how however if in is it its last later meanwhile monday of on or saturday
    since so speaking still sunday that the then there these this those thursday to today
    tuesday until was wednesday what when where which while who why with yesterday yet
""")

# Capitalised words that start a sentence or a caption, never a name ("Maybe Trump", "His",
# "See Sexton", "Editor's note", "Partial transcript"); COMMON_WORDS of the gazetteer add the rest.
NOT_NAME_WORDS: frozenset[str] = _words("""
    according although amid asked because despite does did during editor editors except
    following footage her his its my our partial preceded quoting regarding reportedly see
    their transcript unlike your
""")

# Common given names by the gender they usually denote, to keep "she" and "Mrs. Clinton" off
# Bill Clinton when an article names both; names used for both (Kim, Jean, Leslie) are left out.
FEMALE_GIVEN_NAMES: frozenset[str] = _words("""
    abigail alice alison allison amanda amy ana andrea angela ann anna annalena anne annie
    ashley barbara betsy betty beverly bonnie brenda brittany candice carla carly carol
    caroline carolyn catherine cathy cheryl chloe christina christine chrystia claire claudia
    condoleezza cynthia dana danielle deborah debbie debra denise diana diane donna doris
    dorothy elaine eleanor elena elisabeth elise elizabeth ellen emily emma erin eva evelyn
    fiona frances gabrielle gina giorgia gloria grace hannah heather heidi helen hillary huma
    ilhan irene isabel ivana ivanka jacinda jacqueline jane janet janice jasmine jeanne
    jennifer jessica jill joan joanna jodi josephine joy joyce judith judy julia julie kamala
    karen karin kate katherine kathleen kathryn kathy katie kayleigh kellyanne kimberly
    kirsten kristen kristi laura lauren linda lisa liz loretta lori louise lucy lynn madeleine
    maggie marcia margaret maria marie marilyn marina marine marsha martha mary maxine megan
    megyn melania melanie melinda melissa meredith mette michele michelle monica nancy natalie
    nicola nicole nikki nina olivia pamela patricia patty paula pauline penny rachel rebecca
    rita roberta rosa rose ruth sally samantha sandra sara sarah sharon sheila shirley sonia
    sophie stacey stephanie susan susanna suzanne sylvia tammy tara teresa theresa tiffany tina
    tracy tulsi ursula valerie vanessa victoria virginia wendy whitney yvonne zoe
""")

MALE_GIVEN_NAMES: frozenset[str] = _words("""
    aaron adam alan albert alex alexander andrew anthony antony auston barack ben benjamin
    bernie bill billy bob bobby boris brad brian bruce carl charles chris christopher chuck
    colin connor corey dan daniel david dennis dick don donald doug douglas ed edward elijah
    emmanuel eric frank fred gary george gerald greg harry henry hunter ian jack jacob jagmeet
    jake james jason jeb jeff jeffrey jeremy jerry jim jimmy joe john johnny jon jonathan
    joseph josh justin keith ken kevin larry marco mark matt matthew michael mike mitch mitt
    newt nick nicholas pat patrick paul peter phil pierre rand reince richard rick rob robert
    roger ron ronald rudy russ ryan sam scott sean sidney stephen steve steven ted terry thomas
    tim timothy todd tom tony vladimir walter wayne william xi
""")

# Adjectives of a party, faith or region that a greedy name pattern takes for a speaker
# ("32% of Republican claims"); the plural is a group ("Republicans said").
GROUP_ADJECTIVES: frozenset[str] = _words("""
    buddhist catholic conservative democrat democratic eastern evangelical hindu
    islamic jewish liberal muslim northern progressive protestant republican southern western
""")
