"""The curated patterns: what they find in one piece of writing, with the phrase that caused it.

Patterns in English and Spanish over a normalised copy of the text (lower case, no accents,
leetspeak undone, stretched letters shortened), then checks that set ordinary writing aside:
negation ("I'm not suicidal"), figurative speech ("killed it at my interview"), recovery stories
told in the past ("I used to want to die; today I'm grateful"), jokes, quoted lyrics, advice.

Three families of tables (`scan`):

- TIER1_PATTERNS, high precision: a plan or the means at hand, an overdose under way, dangerous
  alcohol withdrawal, someone else's emergency, an explicit wish to die or suicide named as an
  option. A hit is urgent (tier 1) at once.
- URGENT_PATTERNS: other crisis phrases. A hit is never below review (tier 2).
- ELEVATED_PATTERNS: cravings, a relapse, hopelessness, isolation, somewhere risky.

The safety net stacks these flags with two learned models (safety/model.py); a phrase set aside
here is one more input there, never a veto. `assess(text)` is the patterns' judgement alone.

The method is deliberately plain and readable: every flag names the phrase that caused it, so a
moderator can see why, and a wrong flag can be fixed by editing a table.

Pure Python, no Django: `scan(text)` takes well under a millisecond per message.
"""

import re
import unicodedata
from dataclasses import dataclass, field

URGENT, ELEVATED, NONE = "urgent", "elevated", "none"
SUICIDAL = "suicidal thoughts or intent"
SELF_HARM = "self-harm"
CRAVINGS = "strong cravings"
RELAPSE = "a relapse or return to use"
RISKY = "somewhere risky or with drugs or alcohol at hand"
HARM_OTHERS = "intent to harm someone else"
_RANK = {NONE: 0, ELEVATED: 1, URGENT: 2}


@dataclass(frozen=True)
class Assessment:
    level: str  # urgent (tier 1), elevated or none
    reasons: list[str] = field(default_factory=list)
    # A crisis phrase was found and set aside on purpose (negated, past, a joke, a "no").
    dismissed: bool = False
    # Tier 2: not sure enough to page anyone, too worrying to let pass: the writer sees the
    # crisis lines, and shared text joins the "needs a look" queue. Always true when urgent.
    review: bool = False
    # The stacked probability that the text is urgent (0 when only the patterns ran).
    score: float = 0.0

    @property
    def is_urgent(self) -> bool:
        return self.level == URGENT

    @property
    def needs_care(self) -> bool:
        return self.level != NONE


# --- Normalisation ---------------------------------------------------------------------------

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_EMOJI_WORDS = {
    "💀": " dead-emoji ",
    "☠": " dead-emoji ",
    "😂": " laughing ",
    "🤣": " laughing ",
    "😭": " crying ",
    "🔪": " knife ",
    "🩸": " blood ",
    "💊": " pills ",
    "🪦": " grave ",
    "⚰": " coffin ",
}


def normalise(text: str) -> str:
    for emoji, word in _EMOJI_WORDS.items():
        text = text.replace(emoji, word)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("‘", "'")
    # Leetspeak inside words only ("k1ll" → "kill"), never plain numbers ("90 days").
    text = re.sub(
        r"\b(?=\w*[a-z])(?=\w*[013457@$])[\w@$]+\b", lambda m: m.group().translate(_LEET), text
    )
    text = re.sub(r"(.)\1{2,}", r"\1\1", text)  # "sooooo" → "soo", "dieee" → "diee"
    text = re.sub(r"\s*,\s*", " , ", text)
    text = re.sub(r"[^\w\s',-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# --- Patterns ----------------------------------------------------------------------------------
# Each entry: (reason, [regular expressions]). The expressions run on normalised text; \b is
# added around each. Write them for what people really type, misspellings included.

ME = r"(?:my ?self|my ?slef|myslef|meself)"
WANT = r"(?:want(?:s|ed)?|wanna|wana|need|going|gonna|gunna|about|ready|plan(?:ning)?)(?: to)?"
SUBJ = r"(?:i|im|i'm|ive|i've|i am|i have|ill|i'll|i will)"

URGENT_PATTERNS = [
    (
        SUICIDAL,
        [
            rf"(?:kill|kil|kll|killin|killing|end) ?{ME}",
            r"kms",
            r"kys",
            r"(?:commit|comit|commiting|committing) (?:suicide|sucide|suicid)",
            r"(?:sewerslide|sewer slide|sewer-slide)",
            r"(?:i'?m|im|i am|feel|feeling|felt|been|get|getting|gettin|so|very|really|pretty|kinda|super|been feeling) (?!not |never )(?:\w+ )?(?:suicidal|sucidal|suicdal|suicidial|suisidal|suicidle)",
            r"(?:suicidal|sucidal|suicdal|suicidial|suisidal|suicide|sucide) (?:thoughts|thinking|ideation|feelings|urges|plan|plans|tonight|again|rn|af|asf|now|today)",
            r"(?:plan|planning|planned|plotting) (?:out )?(?:my |a )?(?:suicide|sucide|death|exit|own death|way out)",
            r"unalive",
            r"(?:how many|how much|what dose|which pills|enough) (?:\w+ ){0,3}(?:would it take|it would take|to die|to not wake up|is lethal|to kill)",
            r"(?:lethal|fatal) (?:dose|amount)",
            r"(?:my own|planning my|picturing my|imagine my) funeral",
            r"(?:on|at|standing on|sitting on|top of|edge of|near) (?:the |a |this )?(?:bridge|ledge|railing|bridge railing|roof edge|edge|tracks|train tracks|overpass|cliff)",
            r"(?:not|never) coming back",
            r"(?:drive|driving|crash|crashing|steer|steering) (?:my |the )?(?:car|truck) (?:into|off) (?:a |the )?(?:wall|tree|bridge|cliff|pole|traffic|river|lake|semi)",
            r"(?:easy|easier|nice|better|peaceful) to (?:just )?(?:not wake up|disappear|die|end it|go to sleep forever|not exist)",
            r"(?:saving|saved|stockpiling|collecting|hoarding) (?:up )?(?:enough|pills|my meds|my pills)",
            r"(?:not|won'?t|wont|never) (?:gonna |going to )?(?:be )?(?:around|here) (?:for )?(?:much |very )?(?:longer|anymore|tomorrow)",
            r"(?:made|making) (?:my )?peace with (?:it|dying|death|leaving)",
            r"for the (?:very )?last time (?:tonight|today|ever)",
            r"(?:love|loved|hug|hugged|kiss|kissed|told|tell) (?:\w+ ){0,4}for the (?:very )?last time",
            r"(?:gun|pistol|rifle|rope|pills|blade|knife|razor)\b(?: \w+){0,12} (?:thinking about it|thinking about using it|loaded|in my mouth|in my lap|in my hand and)",
            r"(?:wanna|want to|going to|gonna) be dead",
            # Farewells: apologies, love and goodbyes said as last words.
            r"(?:sorry|sry|forgive me) for (?:everything|all of it|all the pain|being like this)",
            r"tell (?:my |them |her |him )?(?:\w+ ){0,2}(?:i|that i) loved (?:her|him|them|you)",
            r"(?:love|luv) (?:you|u) all\b(?: \w+){0,6} (?:for good|goodbye|bye|forever|logging off)",
            r"(?:logging off|signing off|leaving) (?:for good|forever|for the last time)",
            r"(?:don'?t|dont|do not|pls dont|please don'?t) (?:be mad|hate me) (?:at me )?when (?:you|u) (?:find out|find me|hear)",
            r"(?:don'?t|dont|do not) try to stop me",
            r"(?:perdonenme|perdoname|perdonen) (?:todos|por todo)",
            r"(?:los|las) quiero mucho(?: \w+){0,3} adios",
            r"(?:adios|bye) (?:a todos|para siempre|mundo)",
            # Means at hand, or a plan with a time.
            r"(?:rope|noose|gun|pistol|loaded|pills|the bottle|razor|blade)\b(?: \w+){0,4} (?:in the closet|on the nightstand|in my hand|in my lap|ready|counted|lined up|tonight|next to me)",
            r"(?:loaded it|it'?s loaded|its loaded|got the rope|bought (?:a |the )?rope|have the rope|tied the rope)",
            r"(?:ya )?(?:compre|tengo|traigo) (?:la |una )?(?:soga|cuerda|pistola)",
            r"(?:pistola|arma|soga|cuerda)\b(?: \w+){0,5} (?:en la mano|lista|en el cuarto)",
            r"(?:tonights|tonight'?s|todays|today'?s) the (?:night|day)",
            r"(?:it'?s|its|it is) happening (?:tonight|this weekend|tomorrow|soon|today)",
            r"(?:esta noche|hoy|manana) lo hago",
            r"(?:cans[ae]d[oa]|harto|harta) de vivir",
            r"(?:wrote|writing|made|finished) (?:my |a )?(?:will|last will)",
            r"(?:deleting|delete|deleted) (?:all )?my accounts",
            r"(?:give|giving|gave|gonna give) (?:my )?(?:cat|dog|kids|pets?|guitar|stuff)(?: \w+){0,5} (?:and|then) (?:go to sleep|sleep) (?:for good|forever)",
            r"(?:sleep|rest|go away|disappear|vanish) (?:for good|forever|permanently|for ever)",
            r"disappear (?:permanently|for good|forever)",
            r"(?:hope|hoping|wish|wishing|pray|praying) (?:that )?(?:i )?(?:just )?(?:don'?t|dont|never|do not) wake up",
            r"(?:wish|wished|wishing) (?:it|that) (?:had|would have|would'?ve|had have) (?:worked|killed me)",
            r"(?:wish|wished) i (?:had|would have|would'?ve) (?:died|not woken up|not made it)",
            r"(?:i won'?t|i wont|i will not) be (?:here|around)(?! for| at| in)",
            r"(?:tried|try|trying|attempted) to (?:hang|kill|end|off) (?:myself|my life|it)",
            r"(?:trying|try) (?:it )?again(?: \w+){0,2} (?:tonight|later|soon)",
            r"(?:researching|looking up|googling|searching) (?:\w+ ){0,5}(?:tallest|highest|deadliest|lethal|how to die|painless)",
            r"letters? (?:are|is) (?:on|in) the (?:\w+ )?(?:table|counter|desk|drawer)",
            r"pensando en (?:tirarme|aventarme|matarme|colgarme|cortarme|quitarme la vida|suicidarme)",
            r"(?:roof|top) of (?:the |a |this )?(?:parking garage|garage|building|hospital|hotel)",
            r"(?:picturing|imagining|thinking about) (?:\w+ ){0,2}(?:driving|crashing|swerving) (?:into|off)",
            r"(?:ojala|la neta ojala) (?:me duerma|dormir) (?:y )?(?:ya )?no (?:despierte|despertar)",
            r"(?:estoy|ando) en (?:el|un) (?:puente|techo|borde)(?: \w+){0,6} (?:tirarme|aventarme|brincar|saltar)",
            r"mejor me (?:muero|mato|voy)",
            r"(?:estoy|ando) en (?:el|un) (?:puente|techo|borde) y (?:quiero|voy a) (?:brincar|saltar|tirarme|aventarme)",
            r"(?:brincar|saltar|tirarme|aventarme) (?:del|de un|de el|desde el) (?:puente|edificio|techo)",
            r"(?:think|thinking|thought|thinkin) (?:about|of) (?:suicide|sucide|killing myself|ending it|ending my life|dying|not being here)",
            r"(?:want|wanna|going|gonna|about|ready|plan|planning) (?:to )?(?:commit )?(?:suicide|sucide)",
            rf"un ?alive ?(?:{ME}|myself)",
            r"unaliving",
            r"ctb",
            rf"{WANT} (?:die|dye|be dead|not exist|disappear forever|stop existing)",
            r"(?:wish|hope) (?:i|id|i'd) (?:was|were|be|could be)? ?(?:dead|gone|never born|never wake up|not wake up|die)",
            r"(?:wish|hope) i (?:would|could|don't|dont|didn't|didnt) (?:die|wake up|not wake up)",
            r"(?:don'?t|dont|do not|no longer) (?:want|wanna|wish) (?:to )?(?:live|be alive|be here|exist|wake up|keep going|go on|be around)",
            r"(?:go|going) to sleep and (?:never|not) wake up",
            r"(?:not|never) (?:wake|waking) up (?:again|tomorrow|anymore)",
            r"(?:end|ending|take|taking) (?:it all|my (?:own )?life|my life|things|everything)",
            r"(?:end|ending) (?:it|this) (?:tonight|today|now|for good)",
            r"take my (?:own )?life",
            r"(?:better|happier|easier) (?:off )?(?:dead|without me|if i (?:was|were) gone|if i wasn'?t here)",
            r"(?:no|not any|isn'?t a|nothing to) (?:reason|point) (?:to|in) (?:live|living|be alive|being alive|stay alive|staying alive|keep living)",
            r"(?:not|no longer) (?:be|being) (?:here|around|alive) (?:anymore|any more|tomorrow|much longer)",
            r"(?:won'?t|wont|will not) (?:be (?:here|around)|make it) (?:tomorrow|much longer|past tonight|anymore)",
            r"(?:this is|it'?s) (?:my|the) (?:goodbye|last (?:post|message|night))",
            r"(?:goodbye|bye) (?:everyone|everybody|forever|cruel world|world)",
            r"(?:wrote|writing|written|left) (?:a |my |the )?(?:suicide |goodbye )?(?:note|notes|letter|letters) (?:to|for) (?:my |everyone)",
            r"(?:gave|giving|give) away (?:all )?my (?:stuff|things|belongings|dog|cat)",
            r"(?:pills|them|everything) (?:counted|lined up|saved up|ready|stockpiled)",
            r"(?:saving|saved|stockpiling|hoarding) (?:up )?(?:my |the )?(?:pills|meds)",
            r"(?:rope|noose|belt) (?:ready|around my neck|is ready|tied)",
            rf"(?:hang|hanging|hung) ?{ME}",
            r"(?:jump|jumping|throw myself) (?:off|from|in front of) (?:the |a |this )?(?:bridge|roof|building|balcony|train|cliff|overpass|car|truck)",
            r"(?:gun|pistol|barrel) (?:to|in|against) my (?:head|mouth|temple)",
            rf"(?:shoot|shooting) ?{ME}",
            r"(?:slit|cut|slash|slice) my (?:wrists|wrist|throat)",
            r"(?:overdose|od) on purpose",
            r"(?:nobody|no one|no1|noone) would (?:even |ever |really )?(?:miss|notice|care) (?:me|if i (?:was|were|died|was gone|wasn'?t here|disappeared))",
            rf"{SUBJ} (?:can'?t|cant|cannot) (?:go on|keep going|do this anymore|live like this) (?:anymore|any more)? ?(?:i want|want) (?:to )?(?:die|end)",
            r"(?:tonight|today) is the (?:night|day)",
            r"(?:picked|chose|chosen|choose|planned|decided on) (?:out )?(?:the |a |my )?(?:spot|place|date|day|time|method|way|bridge)",
            r"(?:made up my mind|said (?:my )?goodbyes|this is goodbye|saying my goodbyes|my goodbyes)",
            r"(?:better|easier) (?:this way|for everyone)",
            r"(?:want|need|wish) (?:the|this|my) pain to (?:stop|end|go away) (?:forever|for good|permanently)",
            r"(?:to|gonna|going to|want to|wanna|will|should|just|gunna) end it(?! with)",
            r"(?:plan|planning|going|gonna|gunna|about|ready|want|wanna) (?:to )?jump",
            r"(?:make sure of that|make it permanent|won'?t be a problem much longer)",
            r"i want out(?! of (?:this|my|the) (?:job|relationship|lease|contract|marriage|house|group))",
            r"(?:don'?t|dont|can'?t|cant|do not) see (?:a |any )?(?:reason|point) (?:to|in|for) (?:keep )?(?:living|live|going on|being here|staying alive|being alive)",
            r"(?:reason|point) to (?:keep )?(?:living|go on|stay alive)",
            r"(?:final|last) (?:goodbye|note|message|night alive)",
            # Spanish
            r"(?:me|nos) (?:quiero|kiero|quisiera|voy a|vy a|voya) (?:morir|matar|suicidar|quitar la vida)",
            r"(?:quiero|kiero|quisiera|deseo|voy a) (?:morirme|matarme|suicidarme|desaparecer para siempre|dejar de existir|estar muerto|estar muerta)",
            r"(?:matarme|suicidarme|quitarme la vida|me suicido)",
            r"(?:suicidarme|suisidarme|suicidarse|me suicido|pensando en (?:el )?suicidio|pensamientos suicidas|ideas suicidas|suicida)",
            r"(?:me duerma|dormirme|dormir) y no (?:despertar|despierte|volver a despertar)",
            r"no despertar (?:nunca|jamas|mas)|no despierte (?:nunca|jamas|mas)",
            r"(?:sentido|razon|caso) (?:a|de|para|en) seguir (?:viviendo|aqui|vivo|viva)",
            r"(?:quiero|necesito|ojala) que (?:todo )?(?:termine|se acabe|acabe) (?:ya|todo|de una vez)?",
            r"(?:se acaba|se termina|acabo con) todo",
            r"(?:hoy|esta|esta noche) es la noche",
            r"pastillas (?:contadas|listas|juntas)",
            r"(?:ultima|ultimo) (?:publicacion|post|mensaje|vez que escribo)",
            r"(?:escribi|les escribi|deje|ya les escribi) (?:unas |las |mis )?cartas",
            r"(?:me quiero|quiero|me voy a|voy a) (?:ir para siempre|desaparecer para siempre)",
            r"(?:ya )?no (?:quiero|kiero|deseo) (?:vivir|seguir viviendo|seguir aqui|estar aqui|despertar|existir|seguir)",
            r"(?:ojala|ojala que) (?:me muera|no despierte|estuviera muerto|estuviera muerta|no existiera)",
            r"(?:acabar|terminar) con (?:todo|mi vida|esto de una vez)",
            r"(?:estarian|estaria|estarian todos|todos estarian) mejor sin mi",
            r"mejor (?:muerto|muerta)",
            r"no (?:hay|tengo) (?:razon|razones|motivo|motivos) (?:para|pa) (?:vivir|seguir)",
            r"(?:esta es|es) mi (?:despedida|ultima noche)",
            r"(?:adios|adios a todos) para siempre",
            r"(?:escribi|deje) (?:una |las |mis )?cartas? (?:de despedida|para mi familia|a mi familia)",
            r"(?:regale|regalando) (?:todas )?mis cosas",
            r"(?:ahorcarme|colgarme|me voy a colgar|tirarme (?:del|de un|de el|al|a las) (?:puente|edificio|techo|tren|vias))",
            r"(?:pegarme|darme) un tiro",
        ],
    ),
    (
        SELF_HARM,
        [
            rf"(?:cut|cutting|cuttin|burn|burned|burnt|burning|hurt|hurting|harm|harmed|harming|hit|hitting|punish|punished|punishing|scratch|scratching|starve|starving) ?{ME}",
            rf"{SUBJ} (?:cut|burned|hurt) (?:again|tonight|today|last night|deep)",
            r"(?:cut|cutting|cuttin|burned|burnt|burning|scratched|scratching|carved|carving) (?:my |into my )?(?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach)",
            r"(?:cuttin|cutting) again",
            r"fresh (?:ones|cuts|scars)",
            r"(?:self ?harm|self-harm|selfharm|sh) (?:again|tonight|today|urges|urge)",
            r"(?:can'?t|cant|cannot) stop (?:cutting|scratching|burning|hurting myself|hitting myself)",
            r"(?:cutting|scratching|burning myself) (?:again|tonight|today|rn|right now|now)",
            r"(?:til|till|until) (?:they|it|i) (?:bleed|bled|bleeds)",
            r"(?:make|made|making) (?:myself|me|them|it) bleed",
            r"(?:started|start|starting|back to|relapsed on|relapse on) (?:cutting|self ?harm|self-harm|burning myself)",
            r"(?:blade|razor|razors)",
            # Spanish
            r"(?:me corte|me estoy cortando|me voy a cortar|me quiero cortar|quiero cortarme|cortarme|me queme|me estoy quemando|me estoy lastimando|lastimarme|hacerme dano|haciendo dano|me hice dano|me corte otra vez|autolesion|navaja|cuchilla)",
        ],
    ),
    (
        "an overdose or medical emergency now",
        [
            r"(?:took|taken|swallowed|popped|downed|ate|did|used) (?:all|a bunch|way too many|too many|too much|the whole|a whole|every|like \d+|\d+ of) ?(?:of )?(?:my |the |his |her |those |these )?(?:pills|meds|bottle|xanax|bars|oxys?|percs?|fent|fentanyl|tylenol|advil|sleeping pills|pack)?",
            r"(?:overdosing|oding|od'?ing|overdosed|od'?d|odd|o\.d\.) (?:right now|now|rn|tonight|help)",
            rf"{SUBJ} (?:think|thinks|scared|afraid)? ?(?:i'?m|i am|im) (?:overdosing|oding|od'?ing|having an overdose)",
            r"(?:he|she|they|my \w+|friend|bf|gf|roommate|brother|sister|husband|wife|son|daughter|mom|dad)(?:'s| is| isn'?t| are|s)? (?:not breathing|isnt breathing|isn'?t breathing|unresponsive|not responding|turning blue|blue|not waking up|wont wake up|won'?t wake up|foaming)",
            r"(?:can'?t|cant|cannot|won'?t) (?:wake (?:him|her|them) up|wake (?:him|her|them)|get (?:him|her|them) to wake up|feel (?:my|his|her) (?:arms|legs|face|chest|heart)|breathe|stop shaking)",
            r"(?:need|where'?s|get|grab|have) (?:the |some |a )?(?:narcan|naloxone)",
            r"(?:gave|giving|give) (?:him|her|them) (?:narcan|naloxone)",
            r"(?:chest (?:pain|is tight|hurts)|heart (?:is )?(?:racing|pounding) (?:and|so)|having a seizure|seizing|passing out|keep passing out|throwing up blood|lips are blue)",
            r"(?:call|calling) (?:911|an ambulance|ems)",
            r"(?:took|taken|swallowed|swallow|take|gonna take|going to take|gonna swallow|going to swallow) (?:my |the |his |her )?(?:whole|entire) (?:month|months|bottle|script|prescription|pack|supply|stash)",
            r"(?:swallow|take|down) (?:everything|all of it|every pill|all the pills) (?:in|from)",
            r"(?:mixed|mixing|took|taking|with) (?:\w+ ){0,2}(?:xanax|bars|benzos|pills|oxys?|percs?|opiates|fent|dope|heroin|klonopin|valium) (?:and|with) (?:a fifth|vodka|alcohol|booze|liquor|whiskey|beer|drinks|drinking)",
            r"(?:can'?t|cant|cannot|can not) (?:stay awake|keep my eyes open|stop throwing up|breathe right|catch my breath)",
            r"(?:feel|feels|feeling) like (?:i'?m|im|i am) (?:dying|going to die|gonna die|going to pass out|gonna pass out)",
            r"(?:lips|face|fingers|he|she|they) (?:are |is |turned |turning )?(?:blue|purple|grey|gray)",
            r"(?:gurgling|snoring weird|making a snoring|won'?t respond|not responding|isn'?t responding|unconscious|passed out and)",
            r"(?:used|gave|already used|already gave) (?:the |my |a |him |her |them )?(?:narcan|naloxone)",
            r"(?:something is|somethings|something'?s) (?:really )?wrong (?:with me|with my heart)",
            r"(?:heart|chest) (?:is )?(?:doing something weird|doing weird|racing|pounding|hurts)(?: \w+){0,8} (?:numb|sweating|can'?t breathe|dizzy|passing out)",
            r"(?:left arm|arm|face|jaw) (?:is |went |going )?numb",
            r"(?:shaking|seizing|convulsing|twitching) on the (?:floor|ground|bathroom floor)",
            r"(?:foam|foaming|foam coming) (?:out of|from|at) (?:her|his|their|the) mouth",
            r"(?:kill|killing|hang|hurt) (?:herself|himself|themselves|themself) (?:tonight|now|rn|right now|today)",
            r"(?:going to|gonna|wants to|said she'?s going to|said he'?s going to) (?:kill|hurt|end) (?:herself|himself|themselves|her life|his life)",
            # Spanish
            r"(?:no respira|no esta respirando|no reacciona|no despierta|se puso (?:azul|morado)|esta azul|labios morados|convulsionando|convulsion|le dio una sobredosis|tiene una sobredosis|estoy teniendo una sobredosis|sobredosis ahora)",
            r"(?:me tome|me trague|tome|se tomo) (?:todas|todo|muchas|un monton de|el frasco|un frasco|demasiadas) ?(?:las |mis |sus )?(?:pastillas|pildoras|el frasco|de golpe)?",
            r"(?:necesito|traigan|donde esta el|donde esta la) (?:narcan|naloxona)",
            r"(?:llamen|llama|llamar) (?:al|a la) (?:911|ambulancia)",
            r"(?:creo que|es|le dio|tengo|tiene|estoy teniendo) (?:una )?sobredosis",
            r"no siento (?:los|las|mis) (?:brazos|piernas|manos|pies|pecho|cara)",
            r"(?:el pecho me duele|me duele (?:mucho )?el pecho|me late (?:bien |muy )?(?:raro|rapido|fuerte)|me voy a desmayar|me estoy desmayando)",
            r"no (?:puedo|puede) (?:mantenerme despiert[oa]|mantenerse despiert[oa]|respirar|despertar)",
            r"(?:no responde|no contesta y|esta tirad[oa]|esta morad[oa]|se puso morad[oa]|esta azul|se puso azul)",
            r"(?:pastillas|pildoras|xanax|clonazepam) (?:con|y) (?:alcohol|cerveza|vodka|tequila|pisto|vino)",
            r"(?:le puse|le di|ya le puse|ya le di|use|usamos) (?:el |la )?(?:narcan|naloxona)",
            r"(?:me meti|se metio) (?:demasiado|mucho|un chingo)",
            r"(?:siento|siento que|siento q) (?:que )?me (?:apago|muero|desmayo|voy)",
            r"(?:haciendo|hace) un ruido raro",
            r"(?:pastillas|pastilla|pildoras)(?: \w+){0,4} (?:y|con) (?:ando|estoy) (?:bien )?(?:pedo|borracho|borracha|tomad[oa])",
            r"(?:ando|estoy) (?:bien )?(?:pedo|borrach[oa]|tomad[oa])(?: \w+){0,3} (?:me tome|tome) (?:unas |las |mis )?pastillas",
        ],
    ),
    (
        HARM_OTHERS,
        [
            rf"{SUBJ} (?:going to|gonna|gunna|will|want to|wanna|about to|ready to|plan to|planning to) (?:kill|kil|hurt|stab|shoot|beat|murder|strangle|choke) (?:him|her|them|someone|somebody|everyone|my \w+|that \w+|this \w+|the \w+)",
            r"(?:kill|murder|stab|shoot) (?:him|her|them|everyone|somebody|someone) (?:tonight|today|right now|when|if|and)",
            r"(?:bring|bringing|got|have) (?:a|my) (?:gun|knife) (?:to|and)",
            r"make (?:him|her|them) pay",
            r"(?:i )?know where (?:he|she|they) (?:lives|live|parks|park|works|work|sleeps|gets off)",
            # Spanish
            r"(?:lo|la|los|las) voy a (?:matar|apunalar|lastimar)",
            r"voy a (?:matar|apunalar|lastimar|picar) al?",
            r"(?:quiero|kiero) (?:matarlo|matarla|matarlos|hacerle dano)",
        ],
    ),
]

# --- Tier 1: high-precision families ---------------------------------------------------------
# Each says plainly that someone is in danger now: a plan or the means at hand, an overdose under
# way, dangerous alcohol withdrawal, someone else's emergency, an explicit wish to die or suicide
# named as an option. A hit is urgent at once, whatever the learned model says; it still passes
# the negation, past-story, denial and helping checks, and a wish or plan that is someone else's
# ("my dad wanted to die") is left to the other patterns and the model. Written from what people
# in crisis say, never from the evaluation sets.

PLAN = "a plan or the means at hand"
OVERDOSE = "an overdose or medical emergency now"
WITHDRAWAL = "dangerous alcohol withdrawal"
SOMEONE_ELSE = "someone else in danger now"
# "my", "all of my", "the rest of the", "dad's"...
_DET = r"(?:(?:all|every one|the rest|the last|half|most) (?:of )?)?(?:my |the |his |her |their |those |these |mom'?s |dad'?s |a |an )?"
_DRUG = r"(?:pills|meds|medication|medicine|tablets|methadone|suboxone|subs|bupe|xanax|xans|bars|benzos|klonopin|valium|ativan|oxys?|oxycodone|oxycontin|percs?|percocets?|vicodin|norcos?|fent|fentanyl|heroin|dope|tylenol|advil|ibuprofen|acetaminophen|sleeping pills|ambien|seroquel|lithium|insulin|antidepressants|script|prescription|bottle|supply|stash)"
_QUANT = r"(?:all|every|everything|the whole|the entire|a whole|a full|the rest of|the last of|way too many|way too much|too many|a handful|a fistful|handfuls|\d{2,}|twenty|thirty|forty|fifty|a hundred)"
_OTHER = r"(?:he|she|they|him|her|them|my (?:\w+ )?(?:friend|buddy|bro|boyfriend|girlfriend|bf|gf|husband|wife|partner|son|daughter|kid|brother|sister|mom|mum|dad|roommate|cousin|sponsee|sponsor|neighbor|uncle|aunt))"
_ME_ACTS = rf"(?:kill ?{ME}|end my (?:own )?life|take my (?:own )?life|commit suicide|unalive ?{ME}|hang ?{ME}|shoot ?{ME}|off ?{ME})"
# A routine dose is not an overdose ("took all my meds this morning, as prescribed").
_ROUTINE = r"(?!.*\b(?:on time|as prescribed|like (?:i'?m |i was |im )?supposed to|with (?:breakfast|food|dinner|lunch|water)|for the (?:day|week)|every (?:day|morning|night)|this morning|remembered|proud|pill ?organi[sz]er|refill)\b)"
_NOT_ADVOCACY = r"(?! prevention| awareness| hotline| line| rates?| loss| survivors?| statistics| training| walk| month)"

TIER1_PATTERNS = [
    (
        SUICIDAL,
        [
            # An explicit wish to die, in any form.
            r"(?:want|wanna|wana|wanted|wanting|wish|wished|wishing|need|needed|ready|planning|plan|decided|trying|tryna) (?:to )?(?:die(?! on (?:this|that) hill| for| of| from| laughing| my hair| down)|be dead|end it all|stop living|not be alive|not exist|not wake up)",
            rf"(?:want|wanna|wana|wanted|wanting|wish|wished|wishing|need|needed|ready|planning|plan|decided|trying|tryna|going|gonna|gunna|about) (?:to )?{_ME_ACTS}",
            rf"(?:kill|killing|killin|kil) ?{ME}(?! (?:laughing|lol|lmao|haha|at the gym|with (?:work|laughter)|over (?:this|that|it)|trying))",
            r"(?:end|ending|ended|take|taking) my (?:own )?life",
            r"(?:i'?m|im|i am|feel|feeling|felt|been|getting) (?:(?!not |never |no longer )\w+ )?(?:suicidal|sucidal|suicdal|suicidial|suisidal)",
            r"(?:wish|wishing|wished|hope|hoping) (?:that )?(?:i|id|i'd) (?:was |were |could be |would be |'d be )?(?:dead|never born|never been born|not alive|gone for good)",
            r"(?:wish|wishing|hope|hoping|pray|praying) (?:that )?(?:i )?(?:would |could |just )?(?:die|don'?t wake up|never wake up|not wake up|wouldn'?t wake up)",
            r"(?:would|'d|d) (?:be )?better off dead",
            r"(?:everyone|everybody|they|my (?:\w+ )?(?:family|kids|wife|husband|mom|parents)) (?:would|'d|will) (?:be )?better off (?:without me|if i (?:was|were) (?:dead|gone)|if i died)",
            r"(?:dying|death|being dead|not existing|not being alive|not waking up|ending my life) (?:sounds|seems|feels|looks|would be|is starting to sound) (?:like )?(?:a |the )?(?:relief|peaceful|better|good|nice|easier|easy|appealing|tempting|comforting|like the answer|like an option|like my only option)",
            r"(?:done|finished) with (?:life|being alive|existing)\b(?! (?:insurance|lessons))",
            r"(?:tired|exhausted) of (?:being alive|existing)",
            # Suicide named as an option.
            rf"(?:consider|considering|considered|contemplating|contemplated|thinking|think|thought|thinkin|keep thinking|been thinking|can'?t stop thinking|cant stop thinking|obsessing|fantasi[sz]ing|daydreaming) (?:about |of )?(?:suicide{_NOT_ADVOCACY}|sucide|killing ?{ME}|ending my (?:own )?life|ending it all|taking my (?:own )?life|offing ?{ME}|how to die|ways to die|not waking up|not being here anymore)",
            r"(?:suicide|sucide|killing myself|ending my life|dying) (?:has |keeps |is |kept )?(?:crossed|crossing|crosses|on|popping into|in) my (?:mind|head)",
            r"(?:suicide|sucide|dying|death|killing myself|ending my life) (?:is|seems|feels|looks|sounds|would be|might be)(?: like)? (?:(?!not |never |no )\w+ ){0,3}(?:option|options|answer|way out|solution|choice|exit|escape|relief)",
            r"(?:only|last|best|easiest|real) (?:option|way out|choice|answer|solution|exit|escape)(?: \w+){0,3} (?:is |would be )?(?:to )?(?:suicide|sucide|die|dying|death|kill myself|killing myself|not wake up)",
            r"(?:plan b|backup plan|exit plan|escape plan|way out)(?: \w+){0,3} (?:is )?(?:suicide|dying|death|to die|killing myself|the bridge|the pills|the rope|the gun)",
            r"(?:what if|maybe) i just (?:die|died|kill myself|killed myself|didn'?t wake up|don'?t wake up)",
            r"(?:might as well|should (?:i )?just|i should just) (?:die|kill myself|be dead|not wake up)",
            r"(?:would|will) (?:anyone|anybody|people|they|you|my \w+) (?:even |really )?(?:care|notice|miss me|cry|come) if i (?:died|was dead|were dead|killed myself|didn'?t wake up|was gone(?! for| from| on| to)|were gone(?! for| from| on| to))",
            # Spanish
            r"(?:me )?(?:quiero|kiero|quisiera|queria|deseo|necesito|tengo ganas de|me dan ganas de|ganas de|planeo|decidi) (?:morir(?:me)?(?! de)|estar muert[oa]|dejar de existir|desaparecer para siempre|no despertar|no volver a despertar)",
            r"(?:me )?(?:quiero|kiero|quisiera|queria|deseo|necesito|voy a|vy a|voya|tengo ganas de|me dan ganas de|ganas de|pienso|planeo|decidi) (?:matarme|suicidarme|quitarme la vida|acabar con mi vida|terminar con mi vida|colgarme|ahorcarme|pegarme un tiro|tirarme (?:del|de un|al|a las) (?:puente|edificio|techo|azotea|tren|vias|metro))",
            r"me (?:quiero|kiero|quisiera) (?:morir(?! de)|matar|suicidar|quitar la vida|colgar|ahorcar)",
            r"me (?:voy a|vy a|voya) (?:matar|suicidar|quitar la vida|colgar|ahorcar)(?! (?:de|estudiando|trabajando|en el gym))",
            r"(?:ojala|quisiera|deseo|desearia) (?:que )?(?:me muera|morirme|estar muert[oa]|no despertar|no despierte|no haber nacido|no existir|no existiera|me muriera)",
            r"(?:ya )?no (?:quiero|kiero|deseo) (?:vivir|seguir viviendo|estar vivo|estar viva|existir|despertar|seguir aqui|estar aqui)(?! (?:asi|en|con|de esta))",
            r"(?:pensando|pienso|pense|pensaba|considerando|considero) (?:en )?(?:el suicidio|suicidarme|matarme|quitarme la vida|morirme|acabar con mi vida)",
            r"(?:el suicidio|morir|morirme|matarme|la muerte) (?:es|seria|parece|suena|se ve|se siente)(?: como)? (?:(?!no |nunca )\w+ ){0,3}(?:opcion|salida|solucion|respuesta|alivio|descanso)",
            r"(?:unica|ultima|mejor) (?:opcion|salida|solucion)(?: \w+){0,2} (?:es|seria) (?:el suicidio|morir|morirme|matarme|quitarme la vida|la muerte)",
            r"(?:estarian|estaria|estarian todos|todos estarian|estaran|mi familia estaria) mejor (?:sin mi|si me muero|si yo no estuviera)",
            r"y si (?:mejor )?(?:me mato|me matara|ya no estuviera|no despertara)",
            r"(?:estoy|ando|me siento|me he sentido|he estado) (?:(?!no )\w+ )?suicida",
            r"(?:cansad[oa]|harto|harta) de (?:vivir|estar viv[oa])(?! (?:asi|en|con|aqui|de esta))",
        ],
    ),
    (
        PLAN,
        [
            # The means at hand.
            r"(?:bought|buying|got|have|found|tied|tying|hung|hanging|put up|set up|made|making|tested|testing) (?:a |the |some |my )?(?:rope|noose)(?! (?:swing|ladder|course|toy|bridge|for (?:the|my) (?:dog|tent|boat|hammock|climbing|swing)))",
            r"(?:rope|noose) (?:is )?(?:ready|up|tied|in my (?:car|closet|bag|room|trunk)|from the (?:beam|ceiling|rafters?|tree|door|banister)|around my neck)",
            r"tested (?:the )?(?:knot|beam|branch)",
            r"(?:loaded|cleaned|unlocked|took out|got out|holding|bought|got) (?:a |the |my |his |dad'?s |my dad'?s |grandpa'?s )?(?:gun|pistol|rifle|shotgun|revolver|handgun)(?: \w+){0,4} (?:for (?:me|myself|tonight)|tonight|and (?:it'?s|its) loaded|to end|to use on)",
            r"(?:gun|pistol|rifle|shotgun|revolver|handgun) (?:is )?(?:loaded|in my (?:lap|hand|mouth)|on my (?:lap|bed|nightstand)|on the (?:table|bed|nightstand|seat|counter)|next to me|pointed at)",
            rf"(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collected|collecting) (?:up )?{_DET}(?:\w+ )?{_DRUG}(?: \w+){{0,3}} (?:for (?:tonight|the night|the end|one night|that day|a reason|later)|to (?:take (?:them )?all|swallow|do it|end|die|use all at once)|until i have enough|so i can (?:take|end|die|do it))",
            r"(?:pills|meds|tablets|bars|oxys|insulin) (?:are )?(?:all counted|counted out|lined up|in a pile|saved up|stockpiled)",
            r"enough (?:\w+ )?(?:to (?:not wake up|die|kill (?:me|myself)|never wake up)|that i (?:won'?t|wont|wouldn'?t) wake up)",
            r"enough (?:pills|meds|insulin|tablets) to (?:do it|end it)",
            r"(?:googled|googling|looked up|looking up|searched|searching|researched|researching|read up on|reading up on) (?:\w+ ){0,3}(?:how (?:many|much) (?:\w+ ){0,4}(?:to die|to kill|is lethal|would kill|to not wake up)|lethal dose|lethal amount|overdose amount|painless (?:ways|way|death|suicide)|ways to die|ways to kill myself|how to (?:die|kill myself|hang myself|tie a noose|overdose|end it)|suicide methods)",
            rf"(?:going to|gonna|gunna|about to|want to|wanna|planning to|plan to|ready to|decided to|will|i'?ll) (?:take|swallow|down|shoot|inject|snort) {_QUANT} (?:of )?{_DET}(?:\w+ )?{_DRUG}{_ROUTINE}",
            r"(?:going to|gonna|gunna|about to|want to|wanna|planning to|plan to|ready to|decided to) (?:od|overdose)(?! on (?:coffee|caffeine|sugar|chocolate|candy|netflix|pizza))",
            r"(?:going to|gonna|gunna|about to|want to|wanna|planning to|ready to|decided to) jump (?:off|from|in front of)",
            r"(?:i'?m|im|i am|i will|i'?ll) (?:going to |gonna )?(?:end|ending) it (?:all )?(?:tonight|today|this weekend|for good|once and for all)(?! with| between)",
            # A date set, a last time.
            r"(?:set|picked|chose|chosen|decided on|have|got) (?:a |the )?(?:date|day|time|night) (?:to|for when i|when i'?ll|when i) (?:die|do it|end it|kill myself|leave for good|end everything)",
            r"(?:friday|saturday|sunday|monday|tuesday|wednesday|thursday|tomorrow|tonight|my birthday|this weekend|next week|new year'?s|christmas) (?:is|will be|'s) (?:my last day|my last night|when i do it|when i end it|when it ends|when i go(?! to| back| home| in| for| on| out))",
            r"(?:this is|this'?ll be|this will be|consider this|here'?s|heres) (?:my|the) (?:last|final) (?:check[ -]?in|checkin|post|message|entry|journal entry|text|update)(?! (?:for|of|before|until|til|till|on|in|here for|this week|today|for now|at|from))",
            r"(?:my|the) (?:last|final) check[ -]?in (?:ever|for good)",
            r"(?:last|final) (?:night|day) (?:alive|on earth)",
            r"(?:won'?t|wont|will not|not gonna|not going to) (?:be )?(?:checking in|needing (?:this|a sponsor|meds|my meds|the app))(?: \w+){0,2} (?:anymore|again|after (?:tonight|today|this)|much longer)",
            # Farewell letters, putting affairs in order.
            r"(?:wrote|writing|written|left|leaving|finished|finishing|have) (?:a |my |the |some |all )?(?:suicide|goodbye|farewell) (?:note|notes|letter|letters|message|messages|video)(?! (?:to|for) (?:alcohol|my addiction|addiction|drugs|booze|meth|heroin|dope|the bottle|drinking|using|my drug|my old self|my old life|weed|pills|cocaine|coke|my disease|my ex|the drink))",
            r"(?:wrote|writing|left|leaving) (?:a |my |some )?(?:notes?|letters?) (?:for|to) (?:everyone|whoever finds me|the person who finds me|my family to find|each of (?:you|them|my kids))",
            r"(?:giving|gave|give|given|gonna give|going to give) away (?:all |most |the rest )?(?:of )?(?:my|his|her) (?:stuff|things|belongings|possessions|pets?|dog|dogs|cat|cats|guitar|clothes|records|games|tools|jewelry|plants|books)(?!.*\b(?:goodwill|charity|shelter|donat\w*|moving|move|declutter\w*|minimalis\w*|garage sale|yard sale)\b)",
            r"(?:find|found|finding|looking for|need to find|needs to find) (?:a )?(?:new |good |safe )?home for my (?:dog|cat|dogs|cats|pets?|puppy|kitten|bird|rabbit)(?!.*\b(?:while|until|during|landlord|lease|allerg\w*|moving|move|apartment|deploy\w*|rehab|treatment|detox|hospital|baby|foster\w*)\b)",
            r"(?:who|someone|somebody|anyone|someone to|somebody to) (?:will |can |would |to )?(?:take care of|look after|feed|take|watch|raise|love) my (?:dog|cat|dogs|cats|pets?|kids|children|son|daughter|plants)(?: \w+){0,2} (?:when|after|once) i'?m (?:gone|dead|not here|not around)",
            r"(?:when|after|once) i'?m (?:gone|dead|not here anymore|not around anymore)(?! (?:for|from|on|to|at|this|next|in|with))",
            r"(?:said|saying|already said) my (?:last )?goodbyes(?! (?:at|to (?:the|my) (?:old|house|job|apartment|team|coworkers)|before (?:the|my) (?:move|trip|flight|surgery|deployment)|and (?:left|drove|headed|went)))",
            r"(?:deleted|deleting|deactivated|deactivating|wiped) (?:all )?(?:of )?my (?:accounts|social media|socials|profiles)(?: \w+){0,4} (?:and|so|before)",
            # Somewhere to fall from, a car to crash.
            r"(?:standing|sitting|i'?m|im|i am|parked|waiting|up) (?:on|at|by|near) (?:the |a |this )?(?:edge of (?:the |a )?|top of (?:the |a )?|side of (?:the |a )?)?(?:bridge|roof|rooftop|ledge|overpass|railing|cliff|parking garage|train tracks|tracks)(?: \w+){0,8} (?:jump|jumping|look(?:ing)? down|how (?:high|far down)|one more step|let go|letting go|it would be quick|to end)",
            r"(?:drive|driving|drove|swerve|swerving|crash|crashing) (?:my (?:car|truck) )?(?:into|off) (?:a |the |oncoming )?(?:wall|tree|bridge|cliff|pole|traffic|semi|river|lake|overpass|barrier)(?: \w+){0,3} (?:on purpose|tonight|and end|so it looks like|so it'?d look like|so nobody|to end)",
            # Spanish
            r"(?:compre|compro|consegui|ya tengo|amarre|colgue|prepare|probe) (?:la |una |mi )?(?:soga|cuerda|pistola|arma)(?! (?:para (?:el|la) (?:tendedero|ropa|perro|campamento)))",
            r"(?:soga|cuerda|pistola|arma)(?: \w+){0,3} (?:lista|cargada|en la mano|en mi mano|en mi regazo|amarrada|colgada)",
            r"(?:me voy a|voy a) (?:aventar|tirar|lanzar) (?:del|de un|de una|al|a las|desde el) (?:puente|edificio|techo|azotea|tren|metro|vias|barranco)",
            r"(?:me voy a|voy a|quiero) (?:tomar|tragar|tomarme|tragarme) (?:todas|todo|el frasco|un frasco|la caja|el resto de)(?: las| los| la| el| mis| de)? ?(?:pastillas|pildoras|metadona|suboxona|clonazepam|xanax|medicinas|medicamentos|insulina|frasco|caja)",
            r"(?:junte|juntando|guardando|guarde|ahorrando|ahorre|acumulando|acumule) (?:todas )?(?:mis |las |unas )?(?:pastillas|pildoras|medicinas|medicamentos|insulina)(?: \w+){0,3} (?:para (?:esta noche|tomarmelas todas|tomarlas todas|hacerlo|morir|matarme|acabar)|hasta tener suficientes)",
            r"(?:pastillas|pildoras|medicinas) (?:ya )?(?:contadas|juntas|guardadas para)",
            r"suficientes (?:pastillas|pildoras) (?:para (?:no despertar|morir|matarme|hacerlo))",
            r"(?:busque|buscando|investigue|investigando) (?:\w+ ){0,3}(?:cuantas pastillas|dosis letal|como morir|como matarme|como ahorcarme|formas de morir|formas de matarme|suicidio sin dolor|morir sin dolor)",
            r"(?:ya )?(?:tengo|escogi|elegi|puse|decidi) (?:la |una )?(?:fecha|dia|noche)(?: \w+){0,2} (?:para (?:morir|hacerlo|matarme|irme para siempre|acabar con todo)|de mi muerte)",
            r"(?:el|este) (?:viernes|sabado|domingo|lunes|martes|miercoles|jueves|fin de semana|dia de mi cumpleanos) (?:me mato|se acaba todo|me voy para siempre|termino con todo)",
            r"(?:esta noche|hoy|manana|ahorita) (?:me mato|se acaba todo|me voy para siempre|termino con todo|acabo con todo)",
            r"(?:este es|esta es|sera) mi (?:ultimo|ultima) (?:check-?in|registro|mensaje|publicacion|post|entrada)(?! (?:de la semana|del dia|del ano|por hoy|por ahora|aqui por|en un tiempo|antes|hasta|del mes))",
            r"(?:ultima|ultimo) (?:noche|dia) (?:de vida|con vida|en este mundo|que (?:vivo|estoy aqui))",
            r"mi (?:ultimo )?adios (?:para siempre|a todos)",
            r"(?:escribi|escribiendo|deje|dejo|dejando|termine|ya tengo) (?:una |mi |la |las |unas |mis )?(?:carta|cartas|nota|notas)(?: \w+){0,2} (?:de suicidio|para cuando me encuentren|para quien me encuentre)",
            r"(?:carta|cartas|nota) de (?:despedida|suicidio)(?! (?:a|al|para|de) (?:la botella|el alcohol|alcohol|las drogas|la droga|mi adiccion|la adiccion|el vicio|la cerveza|el cristal|mi ex|la coca|el trago))",
            r"(?:regale|regalando|voy a regalar|regalar|estoy regalando|ya regale) (?:todas )?(?:mis cosas|a mi perro|a mi gato|mi perro|mi gato|mis mascotas|todo lo que tengo)(?!.*\b(?:porque|mudanza|mudarme|mudamos|iglesia|caridad|donar|dono)\b)",
            r"(?:quien|alguien que|alguien para que) (?:cuide|cuidara|va a cuidar|cuidaria|le de de comer) (?:a )?mis? (?:perro|gato|perros|gatos|hijos|mascotas|plantas)(?: \w+){0,2} cuando (?:ya no este|me vaya para siempre|me muera|yo no este)",
            r"cuando (?:ya no este|yo ya no este|me haya ido para siempre)(?! (?:en|aqui en|por|de|con|para))",
            r"(?:estoy|ando|me subi) (?:en|arriba de|al borde de|en la orilla de) (?:el |la |un |una )?(?:puente|techo|azotea|edificio|barranco|vias|vias del tren)(?: \w+){0,8} (?:brincar|saltar|tirarme|aventarme|un paso mas|me suelto|soltarme)",
        ],
    ),
    (
        OVERDOSE,
        [
            rf"(?:took|taken|swallowed|downed|popped|shot|injected|snorted|slammed) {_QUANT} (?:of )?{_DET}(?:\w+ )?{_DRUG}{_ROUTINE}",
            rf"(?:took|taken|swallowed|downed|popped|shot|injected|snorted) {_DET}(?:whole|entire) (?:\w+ )?(?:{_DRUG}|month|week|weeks|months){_ROUTINE}",
            r"(?:i think |think |pretty sure |scared |afraid )?(?:i'?m|im|i am) (?:overdosing|oding|od'?ing|having an overdose|od-ing)",
            r"(?:i just|i think i|think i just|i think i just|i may have|i might have|might have|may have) (?:overdosed|od'?d)",
            r"(?:blacking|blacked|passing|passed|nodding|nodded|keep nodding|keep blacking|keep passing) (?:out|off)(?: \w+){0,3} (?:alone|by myself|and (?:no one|nobody|no1) (?:is |'s )?(?:here|home|around|knows))",
            r"(?:alone|by myself|no one is here|nobody is here|nobody'?s home|no one'?s home)(?: \w+){0,6} (?:blacking out|passing out|nodding out|overdosing|od'?ing|throwing up blood|losing consciousness|can'?t stay awake|cant stay awake)",
            r"(?:can'?t|cant|cannot|can not) (?:stay awake|keep my eyes open|feel my (?:arms|legs|face|hands|lips|chest)|breathe)(?: \w+){0,6} (?:took|after|pills|used|drank|shot|dope|fent|xanax|bars|methadone)",
            r"(?:took|used|shot|did|snorted|smoked)(?: \w+){0,6} (?:and|now) (?:i )?(?:can'?t|cant|cannot) (?:stay awake|keep my eyes open|feel my \w+|breathe)",
            r"(?:lips|fingers|fingertips|nails) (?:are |is |turned |turning |going )(?:blue|purple|grey|gray)",
            r"(?:cut|went) (?:way |too |really |so )+deep(?: \w+){0,4} (?:won'?t|wont|can'?t|cant) stop (?:the )?bleeding",
            r"(?:cut|cuts|cutting|arm|wrist|wrists|thigh|leg)(?: \w+){0,4} (?:won'?t|wont|can'?t|cant|cannot) stop (?:the )?bleeding",
            # Spanish
            r"(?:me tome|me trague|trague|me meti|me inyecte|me eche|me acabe) (?:todas|todo|toda|el resto de|un monton de|un punado de|demasiad[oa]s|un chingo de|\d{2,}|veinte|treinta|cuarenta|cincuenta) (?:las |los |la |el |mis |mi |sus |de )?(?:pastillas|pildoras|metadona|suboxona|clonazepam|clonas|xanax|rivotril|medicinas|medicamentos|insulina|fentanilo|heroina|frasco|caja|receta|tafil)",
            r"(?:me tome|me trague|trague) (?:el|un|todo el) frasco",
            r"(?:creo que )?(?:estoy|ando) (?:teniendo una |con una |en )?sobredosis",
            r"(?:me estoy|creo que me estoy) (?:desmayando|muriendo|apagando|ahogando)(?: \w+){0,4} (?:sol[oa]|y no hay nadie|nadie esta|tome|me meti|pastillas)",
            r"(?:estoy|ando) sol[oa](?: \w+){0,6} (?:me desmayo|me estoy desmayando|desmayando|perdiendo el conocimiento|me apago|no me puedo mantener despiert[oa])",
            r"(?:labios|dedos|unas) (?:morados|azules|grises)",
        ],
    ),
    (
        WITHDRAWAL,
        [
            r"(?:seeing|hearing|feeling|see|hear|saw|heard) (?:things|stuff|bugs|voices|people|spiders|shadows|ants|snakes|animals|someone|something)(?: \w+){0,3} (?:that )?(?:aren'?t|arent|are not|isn'?t|isnt|is not|wasn'?t|weren'?t|not) (?:there|real)(?! for| anymore| when| to)",
            r"(?:bugs|ants|spiders) (?:crawling|moving) (?:on|under|in) my skin",
            r"(?:shaking|shakes|shaky|tremors|trembling|sweating)(?: \w+){0,8} (?:hallucinat\w*|seeing things|hearing things|can'?t stop seeing|don'?t know where i am|seizure|having a seizure)",
            r"(?:hallucinating|hallucinations)(?: \w+){0,6} (?:drinking|drink|detox|withdrawal|withdrawals|quit|stopped|sober|shaking|cold turkey)",
            r"(?:drinking|drink|detox|withdrawal|withdrawals|quit|stopped|cold turkey|no booze|no alcohol)(?: \w+){0,8} (?:i'?m|im|i am|and|now|started|keep|been|just) (?:\w+ )?(?:hallucinating|seeing things|hearing things|seizing|having (?:a )?seizures?|had a seizure|shaking so bad|shaking so hard)",
            r"(?:getting|got|having|have|going into|i think i have|think it'?s) (?:the )?(?:dts|d t s|delirium tremens|delirium)",
            r"(?:had|having|just had|have had|another|might have|gonna have|going to have) (?:a |another )?seizures?(?! (?:years|last|in|when|back|as a))",
            r"(?:convulsing|convulsions)",
            r"(?:heart|chest)(?: \w+){0,4} (?:racing|pounding|skipping)(?: \w+){0,6} (?:hallucinat\w*|seeing things)",
            # Spanish
            r"(?:veo|viendo|veia|oigo|oyendo|escucho|escuchando) (?:cosas|bichos|voces|gente|sombras|animales|hormigas|aranas|alguien)(?: \w+){0,3} que no (?:estan|existen|hay|son reales)",
            r"(?:bichos|animales|hormigas|aranas) (?:caminando |moviendose )?(?:en|por|debajo de|bajo) (?:mi|la) piel",
            r"(?:temblando|tiemblo|temblores|con temblores|sudando)(?: \w+){0,8} (?:alucinando|veo cosas|viendo cosas|oigo voces|escucho voces|no se donde estoy|convulsion|convulsiones)",
            r"(?:tuve|tengo|me dio|me dan|me esta dando|me van a dar|otra) (?:una |otra )?(?:convulsion|convulsiones)",
            r"delirium tremens",
            r"(?:estoy|ando) alucinando(?! con)|(?:empece|empiezo|empezando) a alucinar",
            r"(?:dejar de tomar|deje de tomar|deje el alcohol|sin tomar|la cruda|abstinencia)(?: \w+){0,8} (?:alucinando|alucinaciones|veo cosas|viendo cosas|convulsion|convulsiones|temblando mucho)",
        ],
    ),
    (
        SOMEONE_ELSE,
        [
            rf"{_OTHER}(?:'s| is|s)? (?:not breathing|isn'?t breathing|isnt breathing|is not breathing|stopped breathing|barely breathing|unresponsive|turning blue|turned blue|going blue|foaming at the mouth|cold and blue|(?:seizing|convulsing)(?! the| an| on| upon| this| that| every)|not responding(?! to)|(?:not waking up|won'?t wake up|wont wake up|will not wake up)(?! for| in time| on time| early| before| til| until| at| when))",
            rf"(?:can'?t|cant|cannot|couldn'?t) (?:wake|get) {_OTHER} (?:up|to wake up|to respond|to breathe)(?! for| in time| on time| early| before| til| until| at)",
            rf"{_OTHER}(?: just| might| may| think| i think)? (?:is |'s )?(?:overdosing|oding|od'?ing|having an overdose|od-ing)",
            rf"{_OTHER} (?:just )?(?:overdosed|od'?d)(?: \w+){{0,4}} (?:what do i do|help|i need|need help|call|narcan|naloxone|not breathing|right here|in (?:the|my) (?:bathroom|car|room))",
            rf"{_OTHER} (?:said|says|texted|told me|posted|messaged|wrote|left a note saying) (?:that )?(?:\w+ ){{0,2}}(?:(?:is|was|'s) )?(?:(?:going|gonna|wants|want|about|planning) to (?:kill|hurt|off) (?:herself|himself|themselves|themself)|(?:going|gonna|wants|want|about|planning) to end (?:her life|his life|their life|it all|it(?! with| between))|(?:wants|want) to die|goodbye (?:forever|for good|to everyone)|(?:she|he|they) (?:is|'s|are) done with life)",
            rf"(?:gave|giving|give|used|using|need|needs|grab|get|where'?s|wheres|where is) (?:\w+ )?(?:narcan|naloxone)(?: \w+){{0,4}} (?:on |to |for |in )?{_OTHER}",
            rf"(?:gave|giving|give|used|using) {_OTHER} (?:\w+ )?(?:narcan|naloxone)",
            # Spanish
            r"(?:no respira|no esta respirando|dejo de respirar|ya no respira|apenas respira|no reacciona(?! a)|no despierta(?! temprano| a tiempo| para| hasta)|no lo puedo despertar|no la puedo despertar|no puedo despertarlo|no puedo despertarla|se puso (?:azul|morad[oa])|esta (?:azul|morad[oa])|echando espuma|le salia espuma|esta convulsionando)",
            r"(?:le dio|le esta dando|creo que tiene|esta teniendo) (?:una )?sobredosis",
            r"(?:mi \w+|el|ella|mi amig[oa]|mi herman[oa]|mi hij[oa]|mi espos[oa]|mi novi[oa]) (?:me )?(?:dijo|escribio|mando mensaje|publico|puso) (?:que )?(?:se (?:quiere|va a) (?:matar|morir|suicidar|quitar la vida)|(?:quiere|va a) (?:matarse|suicidarse|quitarse la vida)|adios para siempre|ya no (?:aguanta|puede mas) y)",
            r"(?:me dijo|me escribio|me mando mensaje|me dijeron|me puso) que (?:se (?:quiere|va a) (?:matar|morir|suicidar|quitar la vida)|(?:quiere|va a) (?:matarse|suicidarse|quitarse la vida))",
            r"(?:le puse|le di|ya le puse|ya le di|le estoy poniendo) (?:el |la )?(?:narcan|naloxona)",
        ],
    ),
]

# Someone does not answer, and the same message says why that frightens ("she won't pick up,
# she texted me goodbye"): both in one text make it someone else's emergency.
NOT_ANSWERING = re.compile(
    rf"\b{_OTHER} (?:still )?(?:won'?t|wont|isn'?t|isnt|is not|not|hasn'?t|hasnt|doesn'?t|didn'?t|stopped|never) (?:pick(?:ing|ed)? up|answer(?:ing|ed)?|respond(?:ing|ed)?|reply(?:ing)?|replied|text(?:ing|ed)? (?:me )?back|open(?:ing)? the door|read(?:ing)? (?:my )?(?:texts|messages))\b"
    r"|\b(?:no (?:contesta|responde|abre|me contesta|me responde|agarra el telefono|lee mis mensajes)|no me ha (?:contestado|respondido))\b"
)
# Drinking stopped, and a dangerous sign of withdrawal, anywhere in one text.
STOPPED_DRINKING = re.compile(
    r"\b(?:(?:stopped|quit|quitting|stopping|no more|off the) (?:drinking|booze|alcohol|the booze|the bottle)|cold turkey|detox(?:ing)? (?:at home|alone|by myself|on my own)|"
    r"(?:deje|dejar|dejando) (?:de tomar|de beber|el alcohol|el trago|el pisto)|sin tomar|en abstinencia)\b"
)
SEVERE_WITHDRAWAL = re.compile(
    r"\b(?:hallucinat\w*|seeing things|hearing things|seizures?|convuls\w*|can'?t stop shaking|shaking so (?:bad|hard|much)|confused and shaking|"
    r"alucina\w*|convulsion\w*|viendo cosas|veo cosas|oigo voces|escucho voces|no paro de temblar|temblando (?:mucho|horrible|bien feo))\b"
)
DANGER_CUE = re.compile(
    r"\b(?:pills|overdos\w*|od|od'?d|fent\w*|narcan|naloxone|goodbye|good bye|kill (?:her|him|them)sel(?:f|ves)|suicid\w*|hurt (?:her|him|them)sel(?:f|ves)|end (?:her life|his life|their life|it all)|last (?:text|message)|scary (?:text|message)|scared me|911|wellness check|ambulance|locked (?:the |in )|bathroom door|"
    r"pastillas|sobredosis|despedida|adios|matarse|(?:se )?(?:quiere|va a) matar|quitarse la vida|ultimo mensaje|ambulancia|encerr\w*)\b"
)


ELEVATED_PATTERNS = [
    (
        CRAVINGS,
        [
            r"(?:crave|craving|cravings|cravin|craveing|jonesing|jonesin|fiending|feening|fiendin)",
            rf"{WANT} (?:use|drink|get high|get drunk|get wasted|get loaded|relapse|pick up|score|cop|smoke|shoot up|snort|hit it|go out|using|drinking)",
            r"(?:urge|urges|itch|pull) (?:to|for) (?:use|drink|get high|a drink|a hit|using|drinking)",
            r"(?:thinking|thought|thinkin|keep thinking) (?:about|of) (?:using|drinking|picking up|getting high|a drink|a hit|copping|scoring|relapsing|calling my (?:old )?dealer)",
            r"(?:one|just one|1) (?:drink|hit|line|pill|beer|shot) (?:won'?t|wont|wouldn'?t|can'?t) (?:hurt|kill)",
            r"(?:could|really) (?:really )?use a (?:drink|hit|fix|beer|shot)",
            r"(?:need|needs) a (?:drink|hit|fix|bump)",
            r"(?:so|really|too) close to (?:using|drinking|picking up|relapsing|calling)",
            r"(?:dopesick|dope sick|withdrawals|withdrawing|detoxing|sick as hell)",
            r"(?:all i can think about|can'?t stop thinking about|keep thinking about|only thing on my mind is|obsessing over|obsessing about) (?:is )?(?:a |the |one |getting |some )?(?:drink|drinking|drinks|using|high|dope|a hit|hit|scoring|bottle|beer|pills|pill|it|using again|picking up)",
            r"(?:really|so|so bad|badly|desperately) (?:want|need) (?:one|it|a drink|a hit|a beer|a bump|a line|to get high)",
            r"(?:want|need|wanna|crave) (?:one|it) (?:so bad|badly|really bad|right now|rn)",
            r"(?:to|just to) get (?:high|drunk|wasted|loaded|messed up|fucked up|lit|faded|buzzed|numb)",
            r"(?:take|taking|took) the edge off",
            r"(?:took|taking|take) (?:a couple |a few |some |an )?extra (?:of my |pills|doses|dose)",
            r"(?:offered|gave|hand|handed) me (?:a |some )?(?:bump|drink|line|hit|pill|beer|shot|blunt|joint|bar)",
            r"(?:thought|thinking|think) (?:about|of) (?:scoring|copping|buying|getting some|calling (?:my )?(?:ex|dealer|plug|connect)|hitting it|a bump|a line)",
            r"(?:urge|itch|craving|cravings) (?:to use |to drink )?(?:is|are) (?:screaming|so strong|killing me|loud|bad|really bad|intense|crazy)",
            r"(?:lowkey|kinda|kind of|honestly|ngl|really|so) (?:wanna|want to|need to|tryna|trying to) (?:drink|use|get high|get drunk|smoke|pick up)",
            r"(?:tryna|trying to) (?:get high|get drunk|get lit|cop|score)",
            r"(?:want|need|wanna|crave) (?:just )?(?:one|a|1|some) (?:drink|drinks|hit|line|beer|pill|bump|shot|more time|sip)",
            r"(?:use|using|drink|drinking|get high|getting high) (?:just )?one (?:more )?(?:time|last time)",
            r"(?:want|need|wanna|gonna|going to) (?:get )?(?:fucked up|messed up|lit|faded|fried|blasted|hammered|numb)",
            r"miss (?:getting high|drinking|using|the high|being high|getting drunk|the bottle|the rush|dope|the needle|it so much)",
            r"(?:urges|cravings|craving|urge) (?:are|r|is) (?:\w+ )?(?:bad|strong|crazy|intense|loud|insane|rough|brutal|nuts)",
            r"(?:don'?t|dont|do not|can'?t|cant) trust myself (?:around|with|near|tonight|today)",
            r"(?:i want|want) (?:some|it) (?:so bad|bad|badly)",
            r"(?:thought|think|thinking) about (?:was |is )?(?:scoring|copping|using|drinking|getting high)",
            r"ganas (?:\w+ ){0,2}de (?:usar|tomar|beber|consumir|drogarme|fumar|meterme|jalar|empedarme|ponerme|un pisto|una chela|un trago|un toque|un pase|perico|cristal)",
            r"(?:the )?(?:itch|urge|pull|craving) is (?:real|bad|strong|loud|back|crazy|insane)",
            r"(?:cravings|urges|craving|urge|they'?re|theyre) (?:\w+ ){0,3}(?:are |is )?back",
            r"one (?:won'?t|wont|wouldn'?t|can'?t) hurt",
            r"(?:gonna|going to|might|about to) (?:just )?have (?:one|a drink|a beer|a shot|a drink or two|a few)",
            r"(?:want|wanna|going|gonna) (?:to )?throw (?:it all|everything|my sobriety|my clean time|my time) away",
            r"why (?:i )?(?:shouldn'?t|should not|shouldnt) (?:drink|use|get high|pick up)",
            r"(?:want|wanting) more of (?:everything|it)",
            r"(?:malill[oa]|malilla|malillo|sick and thinking|dope ?sick)",
            r"(?:pienso|pensando) en (?:ir a )?(?:comprar|conseguir|buscar)",
            r"(?:ordered|order|ordering|bought) (?:\w+ )?(?:pills|bars|pressies|percs|xans|molly|coke) (?:online|off|from)",
            r"se me antoja(?:n)? (?:\w+ ){0,3}(?:cerveza|trago|chela|chelas|caguama|toque|pase|copa|pisto|perico|cristal|algo)",
            r"(?:tiene|tengo|traigo|consigue|consegui) de la buena",
            r"(?:me muero por|estoy que me muero por|necesito) (?:\w+ ){0,2}(?:trago|cerveza|chela|pase|toque|pisto)",
            r"(?:no puedo dejar de pensar en|solo pienso en|nomas pienso en) (?:\w+ ){0,2}(?:tomar|beber|usar|consumir|drogarme|el trago|la botella|la cerveza|el perico|el cristal)",
            # Spanish
            r"(?:ganas|antojo|ansia|ansias) de (?:tomar|beber|usar|consumir|drogarme|fumar|meterme|una cerveza|un trago|una copa)",
            r"(?:quiero|kiero|necesito|me muero por) (?:tomar|beber|usar|consumir|drogarme|fumar|meterme|un trago|una cerveza|una copa|algo)",
            r"(?:pensando|pienso) en (?:tomar|beber|usar|consumir|drogarme|recaer|llamar al dealer)",
            r"(?:craving|cravings) (?:fuerte|fuertes|horrible)",
        ],
    ),
    (
        RELAPSE,
        [
            r"(?:relapsed|relapsd|relasped|relaped|relapsing|slipped|had a slip|had a relapse|slip up|slipped up|fell off the wagon|picked up again|picked back up|went back out|back out there)",
            r"(?:drank|used|smoked|shot up|snorted|relapsed|slipped|got high|got drunk|got wasted|drinking|using|took a hit|did a line|did a bump|had a drink|had drinks|had a beer|had some beers) (?:\w+ ){0,4}(?:last night|last nite|yesterday|tonight|today|this morning|this weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:\d+|two|three|a few|couple|couple of) (?:nights|days) ago|again|after \d+|after (?:two|three|six|\d+) (?:days|weeks|months|years))",
            r"first time in (?:\d+|two|three|four|six|a|many) (?:days|weeks|months|years)",
            r"(?:bartender|dealer|cashier) knows my name",
            r"day (?:1|one|uno) (?:again|otra vez)",
            r"dia (?:1|uno) otra vez",
            rf"{SUBJ} (?:used|drank|relapsed|slipped|got high|got drunk)(?! to)\b",
            r"(?:had|have had|drank) (?:a couple|a few|some|two|three|2|3|4) (?:of )?(?:drinks|beers|shots|glasses)",
            r"ordered (?:a |another )?(?:drink|beer|shot|double)",
            r"back on the (?:bottle|sauce|pills|needle|stuff)",
            r"slip (?:last night|last nite|yesterday|tonight|today|this weekend)",
            r"(?:took|taking) a hit",
            r"(?:tomando|usando|consumiendo|fumando|bebiendo) (?:otra vez|de nuevo)",
            r"volvi a (?:fumar|jalar|inyectarme|meterme|usar|tomar)",
            r"(?:anoche|ayer|hoy|el sabado|el viernes|el domingo) (?:me )?(?:tome|use|fume|consumi|bebi|jale|meti|eche|emborrache|drogue|puse)",
            r"(?:me tome|me eche|me bebi) (?:unas|unos|un|una|mis) (?:chelas|cheves|tragos|cervezas|copas|caguamas|shots|pisto)",
            r"(?:been|i'?ve been|ive been) (?:using|drinking|getting high|smoking|picking up) (?:again|every day|daily|for (?:a|like|about|\d+|two|three) )",
            rf"{SUBJ} (?:used|drank|got high|got drunk|got wasted|smoked|shot up|snorted|took a hit|did a line|had a drink|had a beer|had some drinks|had a few) (?:again|last night|tonight|today|yesterday|this morning|after)",
            r"(?:used|drank|got high|got drunk|smoked|drinking|using) (?:again|last night|after \d+)",
            r"(?:lost|lose|losing) my (?:clean|sober|sobriety) ?(?:time|date|days)?",
            r"(?:back to|starting over at|start over at|reset to) day (?:one|1|zero|0)",
            r"(?:reset|resetting|had to reset) my (?:counter|date|clean date|sober date|days)",
            # Spanish
            r"(?:recai|recaida|reacai|volvi a (?:tomar|beber|usar|consumir|drogarme|caer)|tome anoche|tome otra vez|consumi (?:otra vez|anoche|ayer|hoy)|me drogue|me emborrache|me puse pedo|perdi mis dias|volver a empezar de cero|de vuelta al dia uno)",
            r"(?:use|tome|fume|me fume|me eche|consumi|bebi|me meti|jale|me jale|me puse) (?:\w+ ){0,4}(?:anoche|ayer|hoy|otra vez|el sabado|el domingo|el viernes|el fin|esta manana|despues de)",
            r"perdi (?:mis|mi) (?:\d+|seis|tres|dos) (?:meses|dias|anos|semanas)",
            r"(?:tuve|tengo) (?:un|una) (?:slip|recaida|resbalon)",
        ],
    ),
    (
        "hopelessness",
        [
            r"(?:hopeless|no hope|lost hope|losing hope|give up|giving up|gave up|want to quit everything|what'?s the point|whats the point|what is the point|no point (?:in )?(?:trying|anything|anymore))",
            r"(?:life|everything|it all|recovery|trying|this) (?:is|feels|seems) (?:so |completely |kinda |totally )?(?:pointless|meaningless|useless|hopeless)",
            r"(?:can'?t|cant|don'?t|dont|do not) see (?:any |a )?(?:future|way out|light|end to this)",
            r"(?:never|not ever|not) (?:getting|gonna get|going to get|get|gets) (?:any )?better",
            r"(?:don'?t|dont) see (?:it|things|this) (?:ever )?(?:getting|get) better",
            r"why (?:i|do i|even|would i|should i) (?:even )?(?:bother|try)",
            r"(?:never|doesn'?t|dont|don'?t) (?:ever )?works? for me",
            r"same (?:crap|shit|thing|mess) forever",
            r"(?:it'?s|its|it is|all) (?:all )?pointless",
            r"(?:always|forever) (?:be|gonna be|going to be) (?:an? )?(?:addict|alcoholic|junkie|drunk|failure|mess|fuckup|fuck up)",
            r"(?:never|not) (?:gonna |going to |ever )?stay (?:clean|sober)",
            r"(?:sobriety|recovery|being clean|being sober|staying clean|staying sober|this|it|any of this|trying) (?:isn'?t|isnt|is not|ain'?t|aint|not) worth it",
            r"(?:everything|all) (?:i touch )?(?:falls|keeps falling|is falling) apart",
            r"(?:an? )?(?:addict|alcoholic|junkie) forever",
            r"always (?:mess|screw|fuck) (?:it|things|everything) up",
            r"(?:ruin|ruined|destroy) everything",
            r"never be (?:normal|ok|okay|happy|clean|sober|enough)",
            r"(?:don'?t|dont|do not) see the point",
            r"never (?:getting|gonna get|going to get) (?:\w+ ){0,2}back",
            r"no matter what i do",
            r"(?:never|not ever) (?:going to|gonna|gunna|will) (?:get better|change|be ok|be okay|stay clean|stay sober|make it)",
            r"(?:nothing|nothin) (?:matters|will change|ever changes|ever gets better|is ever going to get better|works)",
            r"(?:i'?m|im|i am) (?:a (?:failure|lost cause|burden|waste)|worthless|useless|a waste of space|broken beyond)",
            r"(?:can'?t|cant|cannot) (?:do this|take this|take it|handle this|keep doing this) (?:anymore|any more|much longer)",
            r"(?:tired of (?:living|fighting|trying|everything|it all)|so tired of this)",
            r"(?:why|what) (?:even )?(?:bother|try)",
            # Spanish
            r"(?:sin esperanza|no hay esperanza|perdi la esperanza|me rindo|ya me rindo|para que seguir|para que intentarlo|no tiene sentido|nada tiene sentido|nunca va a mejorar|nada va a cambiar|nada cambia|soy un fracaso|no sirvo para nada|soy una carga|ya no puedo mas|estoy cansad[oa] de todo|no aguanto mas|ya no aguanto)",
            r"(?:pa|para) que (?:le )?(?:sigo|sigues|seguir)",
            r"no le veo (?:caso|sentido|salida)",
            r"siempre la (?:riego|cago|rego)",
            r"(?:nunca|jamas) (?:voy a|me voy a) (?:mejorar|salir de esto|cambiar)",
            r"nada (?:va a|nunca va a|me va a) (?:mejorar|cambiar|salir bien)",
        ],
    ),
    (
        "isolation",
        [
            r"(?:i have|i'?ve got|ive got|got|have) (?:no ?one|no ?body|noone|no friends|no family|nobody left|nowhere to go|no one to talk to|no one to call)",
            r"(?:no ?one|nobody|noone|no1) (?:cares|understands|gets it|would notice|to talk to|to call|checks on me|loves me|calls me)",
            r"(?:so|completely|totally|all|really|very|feel|feeling|i'?m|im) (?:alone|lonely|isolated)",
            r"(?:all alone|by myself again|no support)",
            r"(?:feel|feeling|felt|i'?m|im|so) (?:so |really |very |completely |totally )?(?:empty|invisible|alone|lonely) (?:and|&) (?:alone|lonely|empty|lost)",
            r"(?:don'?t|dont) belong (?:anywhere|here|with anyone)",
            r"(?:been |i'?ve been |ive been |keep )?isolating",
            r"(?:haven'?t|havent|have not|didn'?t|didnt) (?:left|talked to|spoken to|seen) (?:my room|the house|anyone|anybody|a soul)",
            r"(?:have|got|i have) (?:\w+ )?(?:nobody|no one|noone)",
            r"(?:nobody|no one|noone) (?:\w+ ){0,3}gets it",
            r"(?:eat|sit|live|sleep|spend (?:every|the) \w+) (?:\w+ ){0,2}alone",
            r"(?:don'?t|dont|do not) talk to (?:anyone|anybody|nobody)",
            r"(?:everybody|everyone) (?:left|is gone|leaves)",
            r"just me and the walls",
            r"(?:sol[oa]|solit[oa]) en este pais",
            r"(?:estoy|ando) (?:solit[oa])",
            r"(?:sin familia|sin nadie|sin amigos)",
            r"(?:me encerre|encerrad[oa]) en mi cuarto",
            r"no le (?:contesto|hablo) a nadie",
            # Spanish
            r"(?:estoy (?:sol[oa]|muy sol[oa]|sol[oa] otra vez)|me siento sol[oa]|no tengo a nadie|nadie me (?:quiere|entiende|importa|llama|escucha|busca)|a nadie le importo|no tengo con quien hablar|me siento tan sol[oa])",
            r"(?:ando|estoy|me siento|me quede) (?:bien |muy |tan |re |bien bien )?sol[oa]",
            r"nadie (?:me )?(?:contesta|entiende|responde|llama|habla)",
            r"(?:no me queda|ni (?:un|una) amig[oa] me queda|no me quedan amigos|ya no tengo amigos)",
        ],
    ),
    (
        RISKY,
        [
            r"(?:at|in|outside|outside of|parked (?:at|outside)|near|sitting (?:in|at|outside)|walking to|driving to|going to|on my way to|past|by|into) (?:a |the |my |my old |an old |this |that )?(?:\w+ )?(?:bar|liquor store|pub|club|trap house|dealer'?s|dealers|old dealer|plug'?s|crack house|casino|party|kickback|bodega|corner store)",
            r"(?:my|the|old|his|her) (?:plug|dealer|connect|guy) (?:is|lives|just|literally|texted|called|has)",
            r"(?:found|have|got|still have|theres|there'?s still|there is still|kept|keeping|bought|buying) (?:a |an |my |some |the |this )?(?:old |hidden |unopened |leftover |left over )?(?:bottle|bottle of \w+|baggie|bag|stash|pills left|pills|rig|pipe|six ?pack|pint|fifth|handle|blunt|vape|cart)",
            r"(?:bottle|baggie|bag|stash|pills|pipe|rig|six ?pack) (?:is )?(?:sitting|still|just sitting|right there|in the (?:cabinet|freezer|fridge|drawer|car)|in my (?:jacket|drawer|car|pocket|bag|room))",
            r"cash in my pocket",
            r"(?:parking lot|lot) (?:of|at|outside) (?:the |a )?(?:liquor store|bar|casino|club|dispensary)",
            r"open bar",
            r"(?:outside|at|by|near) the trap",
            r"straight to (?:the |a )?(?:bar|liquor store|dealer|plug|casino)",
            r"(?:using|drinking|party) (?:buddy|buddies|friend|friends) (?:just )?(?:texted|called|messaged|hit me up|dm)",
            r"got some\b",
            r"found (?:a |an |some |my |his |her |\w+s )?(?:pill|pills|stash|bag|baggie|bottle|old stash)",
            r"(?:haven'?t|havent|didn'?t|didnt) (?:flushed|thrown|tossed|dumped|poured) (?:it|them)",
            r"(?:staring|looking) at (?:me|it)\b",
            r"(?:el|mi) (?:plug|dealer|conecte)(?: \w+){0,4} (?:tiene|texto|mensaje|escribio|llamo)",
            r"me (?:mando|mandaron|escribio) (?:texto|mensaje) el (?:plug|dealer)",
            r"(?:lo|la) traigo en la bolsa",
            r"(?:me regalaron|me dieron|me trajo|me trajeron|me regalo) (?:\w+ ){0,2}(?:perico|cristal|pastillas|botella|ron|tequila|mota|piedra)",
            r"compre (?:una|un) (?:pacha|botella|caguama|six|media)",
            r"(?:parked|sitting|standing|waiting) (?:across from|outside|near|by|in front of) (?:the |a |my |his |her )?(?:spot|house|place|corner|block|trap)",
            r"(?:friends|people|they|everyone|everybody|roommates?) (?:are|is|r) (?:all )?(?:drinking|using|doing lines|getting high|smoking|doing shots|passing)",
            r"(?:bought|got|grabbed|picked up) (?:a |an )?(?:6|12|18|24|30) ?(?:pack|pk)",
            r"(?:dealer|plug|connect|old friends?) (?:just )?(?:texted|called|messaged|hit me up|reached out|is outside|offered)",
            r"(?:bought|buying|got|have|holding|found|sitting with) (?:a |some |the |my )?(?:bottle|fifth|six ?pack|12 ?pack|handle|bag|baggie|stash|pills|bars|dope|fent|drugs|vodka|whiskey|beer|blues|rig)",
            r"(?:bottle|bag|pills|stash|beer|drink) (?:in front of me|on the table|in my hand|right here|next to me|in the fridge|in my car|in my pocket)",
            r"(?:pouring|poured) (?:a |myself a )?(?:drink|glass|shot)",
            # Spanish
            r"(?:estoy|ando|sentado|sentada|voy|fui|pase) (?:en|afuera de|cerca de|para|por|a) (?:un|el|la|una|mi) (?:\w+ )?(?:bar|cantina|licoreria|casa del dealer|club|fiesta|tiendita|barra|antro|punto)",
            r"(?:tiene|me ofrecio|me ofrecieron|me trajo|me paso) (?:\w+ ){0,2}(?:perico|cristal|pastillas|pisto|chelas|cerveza|mota|piedra|material)",
            r"afuera (?:del|de la|de|de mi) (?:\w+ ){0,3}(?:dealer|bar|cantina|licoreria|liquor store|punto|antro)",
            r"(?:el dealer|mi dealer|el plug) me (?:escribio|llamo|mando mensaje|ofrecio)",
            r"(?:compre|tengo|traigo) (?:una|un|la|el|unas|unos) (?:botella|caguama|six|pastillas|bolsa|cerveza|cervezas|pisto)",
            r"(?:tengo|hay) (?:una botella|cerveza|pastillas|droga|perico|cristal) (?:enfrente|aqui|en la mesa|en la mano|en el refri)",
        ],
    ),
]

# Phrases that contain alarming words but are ordinary speech. Matching spans are removed from
# the text before the patterns run.
FIGURATIVE = [
    r"kill(?:ed|ing)? it",
    r"kill(?:ed|ing)? (?:time|the lights|the vibe|the mood|the game|the competition|the music|my buzz|the engine)",
    r"(?:to|i'?d) die for",
    r"dying (?:to|for) (?:see|get|try|know|meet|go|hear|tell|eat|have)",
    r"(?:is|are|was|gonna|going to|will|would|'ll) (?:literally )?kill me (?:if|when|lol|haha|for)",
    r"(?:boss|mom|mum|dad|wife|husband|sponsor|coach|teacher|sister|brother|girlfriend|boyfriend|kids|traffic|this weather|this heat|these shoes|my feet|my back) (?:is|are|was|were|gonna|going to|will) (?:literally )?(?:kill|be the death of) (?:me|us)",
    r"(?:almost|nearly|about to|literally) (?:killed|kill) me (?:lol|haha)?",
    r"(?:workout|run|hike|class|leg day|practice|shift|exam|test|meeting|day|week) (?:almost |nearly |literally )?killed me",
    r"(?:i'?m|im|i am|i'?m literally|literally) (?:dead|dying|deceased|crying) (?:laughing|lol|lmao|haha|dead-emoji)",
    r"(?:lol|lmao|lmfao|haha+|laughing|dead-emoji) ?(?:i'?m|im|i am)? ?(?:dead|dying|deceased)",
    r"(?:i'?m|im|i am) (?:dead|dying|deceased) ?(?:lol|lmao|lmfao|haha+|laughing|dead-emoji)",
    r"dead (?:tired|serious|on|wrong|right|last|end|set|battery|phone)",
    r"(?:die|died|dying) (?:laughing|of laughter|of embarrassment|of boredom|of cuteness)",
    r"could (?:just )?die (?:of|from) (?:embarrassment|shame|happiness|laughter)",
    r"killer (?:workout|headache|deal|song|view|outfit|app)",
    r"(?:my )?(?:phone|battery|laptop|car|plant|plants|phone battery) (?:is |just |finally )?(?:dead|died|dying)",
    r"(?:shoot|shooting) (?:me|us) (?:a|an) (?:text|message|email|dm)",
    r"shoot(?:ing)? (?:hoops|pool|a video|photos|the breeze)",
    r"(?:cut|cutting) (?:myself )?(?:some )?(?:slack|a break|back|down|out|ties|my hair|bangs|the cake|carbs|sugar|coffee|caffeine|it out)",
    r"cut myself (?:shaving|cooking|chopping|on (?:a|the))",
    r"(?:overdose|od|od'?d|overdosed) on (?:coffee|caffeine|sugar|chocolate|candy|netflix|tv|cookies|pizza|carbs)",
    r"hit (?:myself )?(?:a )?(?:meeting|the gym|a wall|my goal|my target|the books|the road|send|rock bottom)",
    r"(?:die|died) (?:hard|down|out)",
    r"(?:die|dying|died) (?:of|from) old age",
    r"(?:tonights|tonight'?s|tonight is|today'?s|todays) the (?:night|day)(?: \w+){0,3} (?:telling|tell|celebrat\w*|party|date|proposing|propose|going out|concert|game|show|graduation|wedding|meeting)",
    r"(?:kms|kill myself|kys) if (?:this|that|the|i have to|i hear|one more|my)",
    r"(?:me mato|me mataron|me mata) (?:ese|esa|el|la|este|esta) (?:partido|juego|chiste|pelicula|examen|trabajo|dia)",
    r"(?:ese|esa|este|esta|el|la) (?:partido|juego|chiste|pelicula|examen|chamba|trabajo|dia) me (?:mato|mata)",
    r"(?:drink|drinking|drank) (?:water|coffee|tea|more water|a smoothie|kombucha|sparkling water|la croix|soda|juice|mocktails?|na beer|non alcoholic)",
    r"(?:use|using|used) (?:the|a|my|this|that|your|our|an|some) (?:app|phone|tools?|skills?|coping|toolkit|time|money|car|bathroom|computer|chat|site|forum|help|advice|feature|method|worksheet|tip|tips|journal|resources?)",
    r"(?:use|using) (?:it|them|this|that) (?:to|for|as|when|every|daily)",
    r"(?:high|higher) (?:power|school|score|five|fives|hopes|road|blood pressure)",
    r"(?:suicide|it) is a permanent solution to a temporary problem",
    # Spanish
    r"(?:me muero|me moria) (?:de|por) (?:risa|ganas de ver|ganas de verte|hambre|sueno|calor|frio|verg[uü]enza|ver a mis hijos)",
    r"me (?:mata|matan|mataron) (?:de risa|los pies|la espalda)",
    r"(?:mi jefe|mi mama|mi esposa|mi esposo|mi padrino|mi madrina) me va a matar",
    r"(?:muerto|muerta) de (?:risa|cansancio|sueno|hambre)",
    r"(?:tomar|tome|tomo|tomando) (?:agua|cafe|te|jugo|refresco|un cafe|mis medicinas|mi medicina|mi medicamento|la suboxona|mi suboxona|mi metadona)",
]

# Words that make a matched phrase a statement of the opposite ("I'm not suicidal").
NEGATION = re.compile(
    r"\b(?:not|never|no longer|don'?t|dont|do not|didn'?t|didnt|won'?t|wont|wouldn'?t|"
    r"isn'?t|aren'?t|ain'?t|no|zero|without|nor|nunca|ya no|jamas|sin|nada de|no tengo|"
    r"free of|free from|instead of|rather than|stopped|quit|resisted|beat|beating|"
    r"overcame|fought|fighting off|got through|handled)\b(?:[^\w,]+\w+){0,3}[^\w,]*$"
)
# A matched phrase in a story told about the past ("I used to want to die").
PAST = re.compile(
    r"\b(?:used to|use to|years? ago|months? ago|back then|back when|back in|when i was (?:using|drinking|active|in active|younger|a kid|a teen|in my addiction)|"
    r"in my (?:active )?addiction|in active addiction|before (?:i got|recovery|treatment|rehab|getting) |"
    r"at my (?:lowest|worst)|(?:at|hit|hitting) rock bottom|in (?:19|20)\d\d|i was (?:once|always)|there was a time|once upon|in the past|"
    r"last (?:year|month|spring|summer|fall|autumn|winter|christmas|time)|\d+ (?:years|months) ago|my old self|that was me|my story|antes|hace (?:\w+ )?(?:anos|ano|meses|mes|tiempo)|"
    r"in (?:january|february|march|april|may|june|july|august|september|october|november|december)|"
    r"solia|cuando (?:consumia|tomaba|bebia|estaba en la calle|era joven)|en mi adiccion|el ano pasado)\b"
)
PRESENT = re.compile(
    r"\b(?:now|right now|rn|tonight|today|again|still|anymore|currently|this (?:week|morning|evening)|parked|sitting|standing|"
    r"ahora|hoy|esta noche|otra vez|todavia|aun)\b"
)
# Words that show the writer is talking about someone else, generally or to help them.
HELPING = re.compile(
    r"\b(?:how (?:do|can|should) (?:i|we|you) (?:help|support|talk)|my (?:friend|sponsee|son|daughter|brother|sister|partner|husband|wife|mom|dad|loved one) (?:who|that|has|is struggling|said|told)|"
    r"if (?:someone|somebody|a friend|anyone|you)|when someone|signs of|warning signs|what to do if|"
    r"carry (?:narcan|naloxone)|training|psa|reminder|como (?:ayudo|puedo ayudar|ayudar) a|si alguien|senales de)\b"
)
# A question or lesson about people in general, never about one person now.
GENERAL = re.compile(
    r"\b(?:if (?:someone|somebody|a friend|anyone|you|a person|your)|when (?:someone|somebody|a person)|signs of|warning signs|"
    r"what to do (?:if|when)|psa|reminder|training|carry (?:narcan|naloxone)|si alguien|senales de|que hacer (?:si|cuando))\b"
)
# Someone else is the subject ("my ex relapsed"): a relapse or craving that is not the writer's.
THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|someone|somebody|people|a friend|my (?:\w+ )?(?:friend|ex|brother|sister|mom|mum|dad|son|"
    r"daughter|husband|wife|partner|sponsee|sponsor|roommate|cousin|boyfriend|girlfriend|bf|gf|uncle|aunt)|"
    r"mi (?:\w+ )?(?:amig[oa]|herman[oa]|mama|papa|hij[oa]|espos[oa]|ex|novi[oa]|primo|prima|tio|tia|compa)|alguien|"
    r"my (?:\w+ )?(?:buddy|homie|bro|mate|coworker|neighbor))\b(?: who| that)?(?:[^\w,]+\w+){0,2}[^\w,]*$"
)
# Asking the community for advice or tools is what it is for, not a warning sign.
ADVICE = re.compile(
    r"\b(?:tips? (?:for|on)|any (?:tips|advice|ideas)|advice|recommend|how do (?:you|yall|y'all|people|others|i) (?:all )?(?:deal|handle|cope|manage|get through|stop|beat)|"
    r"anyone (?:else )?(?:have|got) (?:tips|advice|ideas)|what helps (?:you|with)|consejos?|como le hacen|que les ayuda)\b"
)
# The craving came and went ("had a craving but called my sponsor and it passed").
RESOLVED = re.compile(
    r"\b(?:it passed|they passed|(?:it|they) went away|didn'?t (?:use|drink|pick up|act on it|give in)|did not (?:use|drink|pick up)|"
    r"called my sponsor|went to a meeting instead|got through (?:it|the night|the day)|played the tape|urge surfed|felt nothing|"
    r"but (?:i )?(?:didn'?t|did not|won'?t|wont|am not going to|'m not going to)|"
    r"down to [0-3]\b|got back up|back at meetings|stuck to (?:la croix|water|soda|seltzer|mocktails?|coffee|tea)|"
    r"ya no son como antes|los puedo manejar|puedo manejarlo|se me paso|no lo hice|no tome|no use|no consumi)\b"
)
# A check-in score that is low ("cravings 0/10", "ganas de usar 1 de 10").
LOW_SCORE = re.compile(
    r"\b(?:cravings?|urges?|ganas de \w+|antojos?)\W*(?:[0-3] ?(?:/|de|out of) ?10|zero|none|low|cero)\b"
)

# A feeling from the past that has returned.
RETURNED = re.compile(
    r"\b(?:it'?s back|its back|they'?re back|theyre back|came back|coming back|is back|are back|returned|"
    r"again tonight|volvio|volvieron|regreso|otra vez)\b"
)

# Markers that keep a match current even inside a past-tense sentence.
FIRST_PERSON_NOW = re.compile(r"\b(?:i|i'?m|im|me|my|yo|estoy|quiero|tengo)\b")

_SENTENCE = re.compile(
    r"(?<=[.!?;\n])\s*|\s+(?:but|pero|and now|y ahora|today|hoy|now)\b\s*", re.IGNORECASE
)
# Quoted words in a text about a song, show or book are not the writer's own.
MEDIA = re.compile(
    r"\b(?:song|lyrics?|chorus|sings?|singing|sang|movie|film|show|episode|series|book|novel|character|headline|article|news|cancion|letra|pelicula|serie|libro|noticia|dice)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{1,200})[\"“”«»]|(?<!\w)'([^']{1,200})'(?!\w)")
# A joke about harming someone ("my cat knocked my coffee over, I'm gonna kill him 😂").
JOKING = re.compile(
    r"\b(?:lol|lmao|lmfao|haha\w*|jaja\w*|laughing|jk|kidding)\b|😂|🤣", re.IGNORECASE
)
# Someone reporting that they said no ("my therapist asked if I think about suicide; I said no").
DENIAL = re.compile(
    r"\b(?:asked (?:me )?if|asks (?:me )?if|me pregunto si|me pregunta si|le dije que no|i said no|i told (?:her|him|them) no|said no and meant it)\b"
)


def _compile(table):
    return [
        (reason, re.compile("|".join(rf"\b(?:{p})\b" for p in patterns)))
        for reason, patterns in table
    ]


_TIER1 = _compile(TIER1_PATTERNS)
_URGENT = _compile(URGENT_PATTERNS)
_ELEVATED = _compile(ELEVATED_PATTERNS)
_FIGURATIVE = re.compile("|".join(rf"\b(?:{p})\b" for p in FIGURATIVE))


def _clauses(text: str) -> list[str]:
    """Split on sentence ends and turning words, so "I used to want to die, but today I'm
    grateful" judges each part on its own; then normalise each part."""
    if MEDIA.search(text):
        text = QUOTED.sub(" ", text)
    parts = (normalise(c) for c in _SENTENCE.split(text) if c and c.strip())
    return [c for c in parts if c]


# Phrases that speak of the present even in a sentence about the past ("I overdosed last
# year and I wish it had worked").
STILL_NOW = re.compile(r"\bwish(?:ed)? (?:it|that|i) (?:had|would have|would'?ve)\b")


def _counts(clause: str, match: re.Match, elevated: bool = False) -> bool:
    before = clause[: match.start()]
    if NEGATION.search(before):
        return False
    if STILL_NOW.search(match.group()):
        return True
    if elevated and THIRD_PERSON.search(before):
        return False
    # A story about the past, unless something in the same clause brings it into the present.
    return not (PAST.search(clause) and not PRESENT.search(clause))


# Tier-1 families about the writer's own wish or plan; the same words about someone else ("my dad
# wanted to die") are left to the other patterns and the model.
_OWN = {SUICIDAL, PLAN}


def _find(table, clause, elevated=False, returned=False, dismissed=None, own=frozenset()):
    for reason, pattern in table:
        for match in pattern.finditer(clause):
            if reason in own and THIRD_PERSON.search(clause[: match.start()]):
                continue
            if _counts(clause, match, elevated):
                return reason, match.group().strip()
            if returned and PAST.search(clause) and not NEGATION.search(clause[: match.start()]):
                return reason, match.group().strip()
            if dismissed is not None:
                dismissed.append(match.group())
    return None


@dataclass(frozen=True)
class Scan:
    """What the patterns found in one text: (reason, phrase) pairs by family."""

    tier1: list = field(default_factory=list)  # high-precision families: urgent at once
    urgent: list = field(default_factory=list)  # other crisis phrases: at least a second look
    elevated: list = field(default_factory=list)
    # A crisis phrase was found and set aside (negated, past, a joke, a "no"): a feature for the
    # model, never a veto over it.
    dismissed: bool = False

    @property
    def reasons(self) -> list[str]:
        return _reasons(self.tier1 + self.urgent + self.elevated)


def scan(text: str) -> Scan:
    """Run every pattern over one text."""
    if not text or not text.strip():
        return Scan()
    text = text[:20_000]
    normal = normalise(text)
    helping = bool(HELPING.search(normal))
    joking = bool(JOKING.search(text))
    denial = bool(DENIAL.search(normal))
    returned = bool(RETURNED.search(normal))
    tier1, urgent, elevated, dismissed = [], [], [], []
    for raw_clause in _clauses(text):
        clause = _FIGURATIVE.sub(" ", raw_clause)
        clause = re.sub(r"\s+", " ", clause).strip()
        if not clause:
            continue
        found = _find(_TIER1, clause, returned=returned, dismissed=dismissed, own=_OWN)
        if found:
            tier1.append(found)
            continue
        found = _find(_URGENT, clause, returned=returned, dismissed=dismissed)
        if found:
            urgent.append(found)
            continue
        found = _find(_ELEVATED, clause, elevated=True)
        if found:
            elevated.append(found)
    not_answering = NOT_ANSWERING.search(normal)
    if not_answering and DANGER_CUE.search(normal):
        tier1.append((SOMEONE_ELSE, not_answering.group().strip()))
    severe = SEVERE_WITHDRAWAL.search(normal)
    told_as_past = PAST.search(normal) and not PRESENT.search(normal)
    if severe and STOPPED_DRINKING.search(normal) and not told_as_past and not tier1:
        tier1.append((WITHDRAWAL, severe.group().strip()))
    if ADVICE.search(normal) or LOW_SCORE.search(text.lower()):
        elevated = [e for e in elevated if e[0] != CRAVINGS]
    if RESOLVED.search(normal):
        elevated = [e for e in elevated if e[0] not in (CRAVINGS, RISKY)]
    before = len(tier1) + len(urgent)
    if joking:
        urgent = [u for u in urgent if u[0] != HARM_OTHERS]
    if denial:
        tier1 = [u for u in tier1 if u[0] not in (SUICIDAL, SELF_HARM)]
        urgent = [u for u in urgent if u[0] not in (SUICIDAL, SELF_HARM)]
    if helping and not _mentions_now(normal):
        # General questions and advice ("how do I help a friend who relapsed?", "what to do if
        # someone overdoses") are what the community is for; someone else's emergency told as
        # it happens ("my friend said she wants to die") is not a general question.
        general = GENERAL.search(normal)
        tier1 = [t for t in tier1 if t[0] == SOMEONE_ELSE and not general]
        urgent, elevated = [], []
    set_aside = bool(dismissed) or len(tier1) + len(urgent) < before
    return Scan(tier1, urgent, elevated, set_aside)


def assess(text: str, context: str = "") -> Assessment:
    """The patterns' judgement alone: urgent on any crisis phrase. `context` (post, chat,
    checkin, journal…) is recorded by callers; the judgement is the same everywhere. The
    safety net itself stacks this with the learned models (safety/model.py)."""
    found = scan(text)
    if found.tier1 or found.urgent:
        return Assessment(URGENT, found.reasons, review=True)
    if found.elevated:
        return Assessment(ELEVATED, found.reasons, dismissed=found.dismissed)
    return Assessment(NONE, [], dismissed=found.dismissed)


def _mentions_now(text: str) -> bool:
    return bool(re.search(r"\b(?:right now|rn|tonight|ahora mismo|esta noche)\b", text))


def _reasons(found) -> list[str]:
    seen, reasons = set(), []
    for reason, phrase in found:
        if reason in seen:
            continue
        seen.add(reason)
        reasons.append(f"{reason}: “{phrase}”")
    return reasons


def worst(*levels: str) -> str:
    return max(levels, key=_RANK.__getitem__, default=NONE)
