"""Word lists for entity extraction: places, organisations, titles, first names, common words.

Lists are space- or '|'-separated strings turned into frozensets, to keep them compact.
"""
from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.split("|") if p.strip())


COUNTRIES = _phrases("""
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
Bosnia and Herzegovina|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|
Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|
Czechia|Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|
Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|Haiti|
Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|
Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|
Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|
Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|
Namibia|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|
Norway|Oman|Pakistan|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
Portugal|Qatar|Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|
Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|
Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tunisia|Turkey|Türkiye|
Turkmenistan|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|
United States of America|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|
Britain|Great Britain|England|Scotland|Wales|Northern Ireland|Korea|Hong Kong|Gaza|
West Bank|Crimea|Tibet|Xinjiang|Kashmir|Greenland|Puerto Rico
""")

CITIES = _phrases("""
Abu Dhabi|Abuja|Accra|Addis Ababa|Algiers|Amman|Amsterdam|Ankara|Athens|Baghdad|Baku|
Bangkok|Barcelona|Beijing|Beirut|Belgrade|Berlin|Bern|Bogota|Bratislava|Brussels|Bucharest|
Budapest|Buenos Aires|Cairo|Canberra|Cape Town|Caracas|Chicago|Copenhagen|Damascus|Delhi|
New Delhi|Dhaka|Doha|Dubai|Dublin|Frankfurt|Geneva|Hanoi|Havana|Helsinki|Islamabad|Istanbul|
Jakarta|Jerusalem|Johannesburg|Kabul|Kandahar|Karachi|Kharkiv|Khartoum|Kyiv|Kiev|Kinshasa|
Lagos|Lahore|Lima|Lisbon|Ljubljana|London|Los Angeles|Luxembourg City|Madrid|Manila|
Mexico City|Milan|Minsk|Mogadishu|Montreal|Moscow|Mumbai|Munich|Nairobi|New York|
New York City|Nicosia|Oslo|Ottawa|Paris|Prague|Pyongyang|Rabat|Riga|Riyadh|Rome|
San Francisco|Santiago|Sao Paulo|São Paulo|Sarajevo|Seoul|Shanghai|Singapore|Skopje|Sofia|
St Petersburg|St. Petersburg|Stockholm|Strasbourg|Sydney|Taipei|Tallinn|Tashkent|Tbilisi|
Tehran|Tel Aviv|The Hague|Hague|Tirana|Tokyo|Toronto|Tripoli|Tunis|Vienna|Vilnius|Warsaw|
Washington|Washington DC|Wellington|Yerevan|Zagreb|Zurich|Aleppo|Mosul|Basra|Herat|Donetsk|
Luhansk|Odesa|Odessa|Mariupol|Sevastopol|Minneapolis|Boston|Houston|Miami|Seattle|Atlanta
""")

REGIONS = _phrases("""
Europe|Asia|Africa|North America|South America|Latin America|Middle East|Near East|Far East|
Eastern Europe|Western Europe|Central Europe|Central Asia|South Asia|Southeast Asia|East Asia|
Eastern Mediterranean|Mediterranean|Asia-Pacific|Indo-Pacific|Pacific|Atlantic|Arctic|
Antarctica|Balkans|Baltics|Caucasus|Black Sea|Baltic Sea|South China Sea|Persian Gulf|Gulf|
Sahel|Scandinavia|Caribbean|Donbas|Donbass|Silicon Valley|Horn of Africa|Red Sea|Sinai
""")

PLACES = COUNTRIES | CITIES | REGIONS

# Short forms and other names that mean a place already in PLACES.
PLACE_ALIASES = {
    "US": "United States", "U.S.": "United States", "USA": "United States",
    "U.S.A.": "United States", "America": "United States", "United States of America":
    "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Great Britain": "United Kingdom", "Britain": "United Kingdom", "Kiev": "Kyiv",
    "Türkiye": "Turkey", "Czechia": "Czech Republic", "Hague": "The Hague",
    "St. Petersburg": "St Petersburg", "Washington DC": "Washington", "UAE":
    "United Arab Emirates", "Donbass": "Donbas", "DC": "Washington",
    "D.C.": "Washington", "Odessa": "Odesa", "São Paulo": "Sao Paulo",
}

# Adjective/people forms: they are not place entities themselves ("Turkish" is not a place).
DEMONYMS = {
    "Afghan": "Afghanistan", "American": "United States", "Australian": "Australia",
    "Austrian": "Austria", "Belgian": "Belgium", "British": "United Kingdom",
    "Canadian": "Canada", "Chinese": "China", "Czech": "Czech Republic", "Danish": "Denmark",
    "Dutch": "Netherlands", "Egyptian": "Egypt", "English": "England", "Estonian": "Estonia",
    "European": "Europe", "Finnish": "Finland", "French": "France", "German": "Germany",
    "Greek": "Greece", "Hungarian": "Hungary", "Indian": "India", "Iranian": "Iran",
    "Iraqi": "Iraq", "Irish": "Ireland", "Israeli": "Israel", "Italian": "Italy",
    "Japanese": "Japan", "Korean": "Korea", "Latvian": "Latvia", "Lithuanian": "Lithuania",
    "Mexican": "Mexico", "Norwegian": "Norway", "Pakistani": "Pakistan", "Palestinian":
    "Palestine", "Polish": "Poland", "Portuguese": "Portugal", "Romanian": "Romania",
    "Russian": "Russia", "Saudi": "Saudi Arabia", "Scottish": "Scotland", "Slovak": "Slovakia",
    "Spanish": "Spain", "Swedish": "Sweden", "Swiss": "Switzerland", "Syrian": "Syria",
    "Taiwanese": "Taiwan", "Turkish": "Turkey", "Turk": "Turkey", "Ukrainian": "Ukraine",
    "Western": "West", "Eastern": "East", "Arab": "Arabia", "Asian": "Asia", "African": "Africa",
    "Baltic": "Baltics", "Nordic": "Scandinavia", "Atlantic": "Atlantic",
    "Transatlantic": "Atlantic", "Trans-Atlantic": "Atlantic", "Kurdish": "Kurdistan",
    "Venezuelan": "Venezuela", "Brazilian": "Brazil", "Nigerian": "Nigeria", "Serbian": "Serbia",
    "Bulgarian": "Bulgaria", "Croatian": "Croatia", "Belarusian": "Belarus", "Georgian": "Georgia",
    "Armenian": "Armenia", "Azerbaijani": "Azerbaijan", "Kazakh": "Kazakhstan", "Uzbek":
    "Uzbekistan", "Qatari": "Qatar", "Emirati": "United Arab Emirates", "Lebanese": "Lebanon",
    "Libyan": "Libya", "Yemeni": "Yemen", "Somali": "Somalia", "Ethiopian": "Ethiopia",
    "Kenyan": "Kenya", "Vietnamese": "Vietnam", "Thai": "Thailand", "Indonesian": "Indonesia",
    "Filipino": "Philippines", "Malaysian": "Malaysia", "Icelandic": "Iceland",
}

# Organisations known by name or acronym (the value is the canonical name).
ORGANIZATIONS = {
    "NATO": "NATO", "Nato": "NATO", "North Atlantic Treaty Organization": "NATO",
    "North Atlantic Treaty Organisation": "NATO", "EU": "European Union",
    "European Union": "European Union", "UN": "United Nations", "U.N.": "United Nations",
    "United Nations": "United Nations", "White House": "White House", "Kremlin": "Kremlin",
    "Pentagon": "Pentagon", "Congress": "Congress", "Senate": "Senate", "Taliban": "Taliban",
    "State Department": "State Department", "IMF": "IMF", "WHO": "World Health Organization",
    "World Health Organization": "World Health Organization", "World Bank": "World Bank",
    "OSCE": "OSCE", "OPEC": "OPEC", "G7": "G7", "G20": "G20", "E3": "E3", "Reuters": "Reuters",
    "AFP": "AFP", "AP": "AP", "Associated Press": "Associated Press", "BBC": "BBC", "CNN": "CNN",
    "EPA": "EPA", "EFE": "EFE", "EURACTIV": "EURACTIV", "Euractiv": "EURACTIV",
    "Bloomberg": "Bloomberg", "Politico": "Politico", "Hamas": "Hamas", "Hezbollah": "Hezbollah",
    "Gazprom": "Gazprom", "Huawei": "Huawei", "Google": "Google", "Facebook": "Facebook",
    "Twitter": "Twitter", "Shutterstock": "Shutterstock", "Xinhua": "Xinhua", "TASS": "TASS",
}

# Last word of an organisation's name ("Defense Ministry", "New York Times").
ORG_CUES = _words("""
Ministry Department Union Commission Council Party Organization Organisation Agency Bank
Institute University College Committee Parliament Congress Senate Assembly Court Times Post
Journal News Press TV Television Radio Corporation Corp Inc Ltd LLC Company Group Association
Federation Foundation Mission Office Administration Army Navy Police Service
Authority Fund Board Bureau Centre Center Network Airlines Airways Motors Holdings
Society Coalition Movement Front Alliance Club Guard Command Cabinet Government Embassy
""")

# Words that make the following name a person's ("President Joe Biden").
TITLES = _words("""
Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Sir Dame Lord Lady President Vice Premier
Chancellor Minister Ministers Secretary Secretary-General Senator Sen Sen. Rep Rep.
Representative Governor Gov Gov. Mayor General Gen Gen. Admiral Colonel Col Col. Lieutenant
Captain Capt Capt. Commander Sergeant Ambassador Envoy King Queen Prince Princess Pope
Cardinal Bishop Archbishop Rabbi Imam Sheikh Judge Justice Chairman Chairwoman Chair Speaker
Leader Spokesman Spokeswoman Spokesperson Foreign Defense Defence Prime Deputy Chief Chargé
State Interior Finance Trade Affairs Senior Special Acting Former Emir Sultan Ayatollah
""")

# Honorifics that are abbreviated and do not end a sentence.
ABBREVIATED_TITLES = _words("Mr Mrs Ms Dr Prof Sen Rep Gov Gen Col Capt Lt Sgt St Jr Sr")

FIRST_NAMES = _words("""
Aaron Abdullah Adam Adrian Ahmad Ahmed Alan Albert Alex Alexander Alexandra Alexei Ali Alice
Amanda Amy Ana Andrea Andreas Andrew Andrzej Angela Ann Anna Anne Annalena Anthony Antonio
Antony Ashraf Ashton Barack Ben Benjamin Bernie Beth Bill Bob Boris Brian Bruce Carl Carlos
Caroline Catherine Charles Charlotte Chris Christian Christine Christopher Claire Daniel
David Dmitry Donald Elena Elizabeth Ellen Emily Emma Emmanuel Eric Erik Frank Frederik
Gabriel George Georgia Gerhard Hans Heiko Helen Henry Hillary Hugo Ian Igor Ilham Imran Isabel
Ivan Jack Jacob Jake James Jan Jane Janet Jason Jean Jeff Jennifer Jens Jim Joe Johann John
Jonathan Jose José Josep Joseph Juan Julia Justin Kamala Karen Karl Kate Katherine Kevin Kim
Klaus Kurt Lars Laura Lena Linda Lisa Llyod Lloyd Luis Luke Maria Mario Mark Martin Mary
Matteo Matthew Maxim Michael Michel Michelle Mike Mikhail Mohammad Mohammed Muhammad Narendra
Nancy Nicholas Nicola Nicolas Nikolai Olaf Oleg Olga Olivier Pablo Patrick Paul Pedro Peter
Philip Pierre Rachel Ralph Recep Richard Robert Roberto Roger Ron Ruth Sam Samuel Sarah
Scott Sebastian Sergei Sergey Sophie Stephen Steve Steven Susan Thomas Tim Timothy Tom Tony
Ursula Victor Viktor Vladimir Volodymyr Walter William Xavier Yves Zalmay Mevlut Mette Mario
Emmanuelle Sigmar Frank-Walter Jean-Yves Jean-Claude Hassan Javad Mohammad-Javad Ebrahim
Benjamin Naftali Yair Mahmoud Bashar Jair Luiz Andrés Justin Scott Jacinda Shinzo Yoshihide
Fumio Moon Xi Li Wang Hu Mario Mateusz Viktor Kaja Gitanas Egils Krisjanis Dominic Liz Rishi
Keir Theresa Gordon Tony Nicolas Francois François Jacques Dmytro Anders Josep Heather Kurt
""")

MONTHS = _words("""
January February March April May June July August September October November December
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""")
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

# Capitalised abbreviations that are not names of anything.
NOT_ENTITIES = _words("""
COVID SARS AIDS HIV GDP CEO CFO CTO TV PM AM OK LGBT LGBTQ DNA RNA PDF URL FAQ RSS AI IT PR
PS ID VIP ICBM LNG GMT UTC EST CET BST
""")

# Words that, capitalised, are usually just sentence-initial or headline words.
COMMON_WORDS = _words("""
a about above according across after afterwards again against ago all almost along already
also although always am among an and another any anyone anything are around as asked at away
back be because been before being below beneath between beyond both but by can cannot could
despite did do does doing done down during each either else even ever every everyone
everything few first for from further had has have having he her here hers herself him
himself his how however i if in indeed inside instead into is it its itself just last later
least less let like many may maybe me meanwhile might more moreover most much must my myself
near neither never nevertheless next no nobody none nor not nothing now of off often on once
one only onto or other others otherwise our ours out over own per perhaps please rather
read same several she should since so some someone something sometimes soon still subscribe
such than that the their theirs them themselves then there therefore these they this those
though through thus to today together tomorrow too toward towards under underneath unless
until up upon us very was we well were what whatever when whenever where whereas wherever
whether which while who whoever whom whose why will with within without would yes yesterday
yet you your yours yourself share click sign log follow watch listen related advertisement
photo video image getty caption file news story article comments newsletter newsletters
breaking live update updated opinion analysis editorial top more latest section
sections tables table sources source officials several meanwhile still
""")
