"""Risk assessment of one piece of writing: urgent, elevated or none, with the reasons.

Curated patterns in English and Spanish over a normalised copy of the text (lower case, no
accents, leetspeak undone, stretched letters shortened), then three checks that keep ordinary
writing from being flagged: negation ("I'm not suicidal"), figurative speech ("killed it at my
interview") and recovery stories told in the past ("I used to want to die; today I'm grateful").

The method is deliberately plain and readable: every flag names the phrase that caused it, so a
moderator can see why, and a wrong flag can be fixed by editing a table. It errs towards urgent:
a missed crisis costs more than a gentle check-in that was not needed.

Pure Python, no Django: `assess(text)` runs in well under a millisecond per message.
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
    level: str
    reasons: list[str] = field(default_factory=list)
    # A crisis phrase was found and set aside on purpose (negated, past, a joke, a "no"):
    # a second opinion must not turn it back into a crisis.
    dismissed: bool = False

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
    r"at my (?:lowest|worst)|i was (?:once|always)|there was a time|once upon|in the past|"
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


def _find(table, clause, elevated=False, returned=False, dismissed=None):
    for reason, pattern in table:
        for match in pattern.finditer(clause):
            if _counts(clause, match, elevated):
                return reason, match.group().strip()
            if returned and PAST.search(clause) and not NEGATION.search(clause[: match.start()]):
                return reason, match.group().strip()
            if dismissed is not None:
                dismissed.append(match.group())
    return None


def assess(text: str, context: str = "") -> Assessment:
    """Assess one piece of user-written text. `context` (post, chat, checkin, journal…) is
    recorded by callers; the judgement is the same everywhere."""
    if not text or not text.strip():
        return Assessment(NONE, [])
    text = text[:20_000]
    normal = normalise(text)
    helping = bool(HELPING.search(normal))
    joking = bool(JOKING.search(text))
    denial = bool(DENIAL.search(normal))
    returned = bool(RETURNED.search(normal))
    urgent, elevated, dismissed = [], [], []
    for raw_clause in _clauses(text):
        clause = _FIGURATIVE.sub(" ", raw_clause)
        clause = re.sub(r"\s+", " ", clause).strip()
        if not clause:
            continue
        found = _find(_URGENT, clause, returned=returned, dismissed=dismissed)
        if found:
            urgent.append(found)
            continue
        found = _find(_ELEVATED, clause, elevated=True)
        if found:
            elevated.append(found)
    if ADVICE.search(normal) or LOW_SCORE.search(text.lower()):
        elevated = [e for e in elevated if e[0] != CRAVINGS]
    if RESOLVED.search(normal):
        elevated = [e for e in elevated if e[0] not in (CRAVINGS, RISKY)]
    before = len(urgent)
    if joking:
        urgent = [u for u in urgent if u[0] != HARM_OTHERS]
    if denial:
        urgent = [u for u in urgent if u[0] not in (SUICIDAL, SELF_HARM)]
    if helping and not _mentions_now(normal):
        # General questions and advice ("how do I help a friend who relapsed?", "what to do if
        # someone overdoses") are what the community is for.
        urgent, elevated = [], []
    set_aside = bool(dismissed) or len(urgent) < before
    if urgent:
        return Assessment(URGENT, _reasons(urgent + elevated))
    if elevated:
        return Assessment(ELEVATED, _reasons(elevated), dismissed=set_aside)
    return Assessment(NONE, [], dismissed=set_aside)


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
