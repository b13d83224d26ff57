import { WS, type AnyLexiconRule } from "./lexicon.ts";
import { createRuleDetector, describePhrases } from "./rule-detector.ts";

/** A request to make a weapon, a hard drug or malware is a confident finding. */
export const HARMFUL_INTENT_POINTS = 75;

// "Culture", "weaponize", "aerosolize": the verbs of bioweapons ("how do I culture and weaponize anthrax").
const MAKE = ["make", "build", "synthesize", "synthesise", "cook", "produce", "manufacture", "create", "assemble", "brew", "extract", "grow", "write", "code", "develop", "culture", "cultivate", "weaponize", "weaponise", "aerosolize", "aerosolise"];
export const HOW_TO = ["how to", "how do i", "how can i", "how would i", "how could i", "steps to", "steps for", "instructions for", "instructions to", "guide to", "guide for", "guide on", "tutorial on", "recipe for", "teach me to", "help me", "walk me through", "show me how to"];

export const WEAPON = String.raw`(?:a${WS}|an${WS}|the${WS}|some${WS}|homemade${WS}|home-made${WS}|untraceable${WS}|working${WS}){0,4}(?:pipe${WS}bomb|bomb(?![-‐]|${WS}(?:shelters?|squad|disposal|threats?|sniffing|dogs?|cyclone|jacket|calorimeter|bay|tacos?|dip|sauce|pops?|costume|cake|burgers?|fries|wings|guac(?:amole)?)\b)|ied|explosive(?:s|${WS}device)?|molotov(?:${WS}cocktails?)?|napalm|thermite|nerve${WS}agent|sarin|vx${WS}gas|ricin|anthrax|mustard${WS}gas|chemical${WS}weapons?|bioweapons?|biological${WS}weapons?|dirty${WS}bomb|ghost${WS}guns?|(?:silencer|suppressor)(?!${WS}(?:box|for${WS}(?:a|my|the)${WS}(?:[a-z-]{1,15}${WS})?(?:generator|compressor|exhaust|muffler)))|3d[ -]printed${WS}guns?|untraceable${WS}(?:guns?|firearms?))`;
export const DRUG = String.raw`(?:meth(?:amphetamine)?|crystal${WS}meth|fentanyl|heroin|crack(?:${WS}cocaine)?|cocaine|lsd|mdma|ghb|dmt)`;
const MALWARE = String.raw`(?:ransomware|a${WS}keylogger|keyloggers?|a${WS}botnet|malware|a${WS}virus${WS}that|a${WS}trojan|rootkit|credential${WS}stealer|info${WS}?stealer|ddos${WS}(?:tool|script|attack))`;

/**
 * Plain requests for the means of serious harm: weapons and explosives, hard drugs, malware. Narrow on
 * purpose (a verb of making next to the thing made), since questions about these topics are usually safe
 * ("what is ransomware", "history of the atomic bomb"). The classifier covers the paraphrases.
 */
/** Verbs of a writing task whose product is the harm. */
export const WRITE = ["write", "create", "generate", "draft", "compose", "produce", "craft", "tell me", "give me"];
/**
 * Up to two words between the verb and the harm ("a convincing", "me a short"), but not a preposition or a
 * word that makes the harm the topic ("an essay about propaganda", "an article on phishing emails").
 */
export const A_FEW_WORDS = String.raw`(?:me${WS})?(?:an?${WS}|some${WS}|ten${WS}|\d{1,2}${WS})?(?:(?!(?:about|on|of|regarding|for|against|explaining|why|how|that|discussing|analy[sz]ing|debunking|exposing|countering|spotting|recognizing|dataset|list|collection|to|where|reporting|condemning|denouncing|correcting|addressing|refuting|rebutting|fighting|combat(?:t?ing)|responding|highlighting|identifying|detecting|flagging|blocking|tracking|moderating|simulated|mock)\b)[a-z-]{1,15},?${WS}){0,3}`;
/**
 * After the harm, within a few words: not a tool or a lesson against it ("a phishing email classifier", "a
 * phishing email for our security awareness training").
 */
export const NOT_A_TOOL = String.raw`(?!(?:${WS}[a-z-]{1,15}){0,5}${WS}(?:classifier|detector|detection|dataset|filter|examples?|training|awareness|simulation|quiz|drill|samples?|exercise|workshop|polic(?:y|ies)|guidelines|moderation|moderators|tests?|testing|reports?|takedown|incident|warning|banner|rules?|alerts?|analysis|red${WS}team|employees|staff|lesson|plans?|response|tracker|critique)\b)`;
export const WRITING = String.raw`(?:articles?|posts?|tweets?|jokes?|speech(?:es)?|essays?|letters?|messages?|poems?|songs?|stor(?:y|ies)|reviews?|comments?|statements?|sentences?|threads?|captions?|rants?|memes?|slogans?|manifestos?|pamphlets?|flyers?|scripts?|emails?|e-mails?)`;

export const HARMFUL_INTENT_RULES: readonly AnyLexiconRule[] = [
  {
    // "Write a defamatory article…", "generate a racist joke…" — not "an essay on why racist jokes hurt".
    label: "request for hateful or defamatory content",
    starts: WRITE,
    rest: String.raw`${WS}${A_FEW_WORDS}(?:defamatory|libelous|slanderous|racist|sexist|homophobic|transphobic|antisemitic|anti-semitic|islamophobic|xenophobic|hateful|dehumanizing|toxic|derogatory|demeaning|degrading|insulting)${WS}(?:(?!(?:a|an|the|my|to)\b)[a-z-]{1,15}${WS}){0,2}${WRITING}\b${NOT_A_TOOL}`,
  },
  {
    // "Write a convincing phishing email", "create a phishing page that looks like PayPal's"
    label: "request for a phishing message",
    starts: WRITE,
    rest: String.raw`${WS}${A_FEW_WORDS}(?:spear-?)?(?:phishing|smishing)${WS}(?:email|e-mail|emails|message|messages|text|texts|sms|page|site|website|link|campaign|kit|template)\b${NOT_A_TOOL}`,
  },
  {
    // "Create a fake news article saying…", "write disinformation about…"
    label: "request for disinformation",
    starts: WRITE,
    rest: String.raw`${WS}${A_FEW_WORDS}(?:fake${WS}news|disinformation|misinformation|propaganda)(?:${WS}${WRITING}\b|(?=${WS}(?:that|about|claiming|saying|blaming|targeting|against|on|which|accusing|portraying|demonizing)\b|\s{0,3}(?:[.,;:!"]|$)))${NOT_A_TOOL}`,
  },
  { label: "request to make a weapon", starts: MAKE, rest: String.raw`${WS}${WEAPON}\b` },
  { label: "request to make a weapon", starts: HOW_TO, rest: String.raw`${WS}(?:make|making|build|building|assemble|assembling|create|creating|synthesize|synthesizing)${WS}${WEAPON}\b` },
  { label: "request to make hard drugs", starts: ["synthesize", "synthesise", "synthesizing", "cook", "cooking", "manufacture", "produce", "make", "making"], rest: String.raw`${WS}(?:(?:some|pure|high-grade|street)${WS})?${DRUG}\b` },
  {
    // "Write a keylogger", and with the language or a quality in between: "write a Python keylogger that
    // hides from Windows Defender", "write a polymorphic malware".
    label: "request to write malware",
    starts: ["write", "code", "create", "develop", "build", "make", "program"],
    rest: String.raw`${WS}(?:me${WS})?(?:(?:a|an|some|working|functional|simple|small|basic|stealthy|undetectable|hidden|advanced|polymorphic|custom|python|powershell|javascript|c\+\+|c#|rust|golang|go|bash|vba|windows|android|linux)${WS}){0,4}${MALWARE}\b`,
  },
];

export const harmfulIntentDetector = createRuleDetector("harmful_intent", HARMFUL_INTENT_POINTS, describePhrases("Harmful request"), HARMFUL_INTENT_RULES);

