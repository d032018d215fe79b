"""Word lists for speaker identity (app.nlp.identity): what a role must contain, which names
are places or a party's or nation's people, which words describe a person in front of a name."""
from app.nlp.gazetteer import DEMONYMS, PLACE_ALIASES, PLACES
from app.nlp.lexicons import DESCRIPTION_HEADS, HONORIFICS, TITLES


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words in front of a name that describe the person but are no title of the lexicon.
ROLE_WORDS = _words("""
    adviser advisor aide analyst anchor billionaire boss brother businessman businesswoman
    candidate co-founder columnist comedian commentator correspondent critic daughter developer
    economist entrepreneur expert father founder historian host husband investor journalist
    lawmaker lawyer legislator manager member mother nominee novelist official owner partner
    pastor pollster preacher producer reporter researcher retired rival scientist sister son
    spokesman spokesperson spokeswoman strategist student teacher veteran wife writer
""")

# A party's or a nation's member: no person's name, a description ("a New Hampshire Republican").
AFFILIATIONS = _words("""
    democrat democratic republican gop conservative liberal progressive libertarian independent
    tory labour socialist
""") | frozenset(word.lower() for word in DEMONYMS)

# Words a role must hold one of: a job, rank or description; not an affiliation alone.
JOB_WORDS = (TITLES | HONORIFICS | DESCRIPTION_HEADS | ROLE_WORDS) - AFFILIATIONS - _words("""
    state first former senior acting vice u.s. uk un us eu nato lady man woman
""")

STATES_AND_PROVINCES = frozenset(p.strip() for p in """
    Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|
    Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|
    Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|
    New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|
    Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|
    West Virginia|Wisconsin|Wyoming|Alberta|British Columbia|Manitoba|New Brunswick|
    Newfoundland|Nova Scotia|Ontario|Prince Edward Island|Quebec|Saskatchewan|Yukon|Nunavut|
    Northwest Territories
""".split("|"))


def is_place(name: str) -> bool:
    """Whether a name is a country, city, region, US state or Canadian province."""
    return name in PLACES or name in PLACE_ALIASES or name in STATES_AND_PROVINCES


def is_affiliation(word: str) -> bool:
    return word.lower().strip(".,’'") in AFFILIATIONS


def is_group(word: str) -> bool:
    """ "Democrats", "Republicans", "Americans": a party's or nation's people speaking as one."""
    low = word.lower().strip(".,’'")
    return low.endswith("s") and low[:-1] in AFFILIATIONS
