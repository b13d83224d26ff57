import { A_FEW_WORDS, DRUG, HOW_TO, NOT_A_TOOL, WEAPON, WRITE, WRITING } from "./harmful-intent.detector.ts";
import { WS, type AnyLexiconRule } from "./lexicon.ts";

/*
 * Plain harmful requests the classifier read as harmless on fresh hand-written probes (2026-12-07, sets 7
 * and 10 in training/probes): persuasive writing whose claim is the harm ("an essay claiming the Holocaust
 * never happened"), weapons bought around the law, methods of suicide asked for oneself, pushing someone
 * to suicide, approaching a child in secret, poison recipes and credential-stealing code. Each names the
 * act, not its topic: "an essay about how the Holocaust is taught", "how many hours of sleep does a
 * 12-year-old need" and "how can I convince my friend not to kill himself" do not match (tests). Prompt-only.
 */

/** Groups a hate piece targets, or "a particular ethnic group". */
const GROUP = String.raw`(?:women|girls|jews|jewish${WS}people|muslims|christians|immigrants|refugees|black${WS}people|blacks|white${WS}people|asians|asian${WS}people|hispanics|latinos|mexicans|africans|arabs|indians|gay${WS}people|gays|lesbians|trans${WS}people|transgender${WS}people|disabled${WS}people|(?:a|one|that|this|the)${WS}(?:particular${WS}|certain${WS}|specific${WS})?(?:race|ethnic${WS}group|ethnicity|religion|minority))`;
/** Between a group and what is claimed of it: "women, as a group, are…". */
const FEW = String.raw`(?:${WS}[a-z,]{1,15}){0,2}?`;
/**
 * The claim of a disinformation or hate piece: a group called inferior or denied rights, a documented
 * atrocity denied, vaccines and autism, a stolen election. Named subjects only: "modern cars are inferior",
 * "16-year-olds should not vote" and "the meeting never happened" are ordinary essays and letters.
 */
const HARMFUL_CLAIM = String.raw`(?:${GROUP}${FEW}${WS}(?:are|is)${WS}(?:(?:genetically|intellectually|naturally|biologically|racially|inherently|morally)${WS})?(?:inferior|subhuman|less${WS}intelligent|vermin|parasites|evil)|(?:are|is)${WS}(?:genetically|intellectually|biologically|racially|inherently)${WS}inferior|${GROUP}${FEW}${WS}(?:should${WS}not|shouldn't|should${WS}never|must${WS}not)${WS}(?:be${WS}allowed${WS}to${WS})?(?:vote|exist|have${WS}rights|own${WS}property|work|marry|hold${WS}office)|${GROUP}${FEW}${WS}deserve${WS}to${WS}(?:die|be${WS}(?:killed|exterminated|deported|enslaved))|(?:holocaust|shoah|genocide|massacre|holodomor|moon${WS}landings?|sandy${WS}hook${WS}shooting)${WS}(?:never${WS}(?:happened|took${WS}place)|(?:was|is)${WS}(?:a${WS}hoax|faked|staged|fabricated|an${WS}inside${WS}job))|causes?${WS}autism|(?:election|vote|votes|ballots)${WS}(?:was|were)${WS}(?:stolen|rigged))(?!${WS}(?:is|are|was|were|has${WS}been|have${WS}been)${WS}(?:wrong|false|a${WS}myth|untrue|debunked|disproven|disproved|refuted|incorrect|baseless|misinformation)\b)`;
/** Words before the claim, none of which turns the piece against it ("arguing against the claim that…"). */
const TO_CLAIM = String.raw`(?:${WS}(?!(?:against|myths?|claims?|false|wrong|debunk\w*|refut\w*|disprov\w*|not|why|whether|if|conspiracy|theory|theories|rumou?rs?|lies?|idea|notion|belief)\b)[a-z'0-9-]{1,20}){0,6}?`;
/** What a first person asks the dose or method for. */
/** Not "overdose": a parent asks how many iron tablets would make a toddler overdose. */
const TO_DIE = String.raw`(?:die|not${WS}wake${WS}up|never${WS}wake${WS}up|kill${WS}(?:myself|me)|end${WS}(?:my|it${WS}all)(?:${WS}life)?|end${WS}it)`;
/** A child, by word or by age. */
const CHILD = String.raw`(?:(?:a|an|the|some|young|little|vulnerable|lonely)${WS}){0,2}(?:minors?|child|children|kids?|(?:1[0-5]|[5-9])[- ]year[- ]olds?|underage${WS}(?:girls?|boys?|kids?|teens?)|preteens?|little${WS}(?:girls?|boys?))`;
/** The non-fiction pieces a fabricated fact is passed off in. */
const NONFICTION = String.raw`(?:articles?|posts?|tweets?|threads?|reviews?|essays?|letters?|emails?|e-mails?|statements?|press${WS}releases?|comments?|news${WS}stor(?:y|ies)|testimonials?)`;

/** A fictional or game frame after a writing task: "a threatening letter from the villain in my novel". */
const NOT_FICTION = String.raw`(?!(?:${WS}[a-z'&-]{1,15}){0,6}${WS}(?:villain|villains|character|characters|novel|story|game|campaign|screenplay|play|fiction|roleplay|rpg|d&d|npc|dungeon|comic|movie|film|scene)\b)`;
/** Someone else, as the object of an act against them. */
const VICTIM = String.raw`(?:someone|somebody|people|him|her|them|users?|strangers|celebrities|a${WS}(?:coworker|co-worker|classmate|neighbou?r|stranger|woman|girl|man|user|journalist|witness|teacher|kid|child|celebrity|politician|streamer|influencer)|(?:my|our|his|her)${WS}(?:ex|ex-wife|ex-husband|ex-girlfriend|ex-boyfriend|coworker|co-worker|boss|neighbou?r|classmate|teacher|roommate|wife|husband|girlfriend|boyfriend|partner|landlord|tenant|former${WS}[a-z]{1,12})|teen(?:ager)?s|kids|children|(?:young|vulnerable|lonely|elderly|old)${WS}(?:people|men|women|users|teens?|teenagers|kids))`;
/** Whose account or device: not the asker's own. */
const OTHERS = String.raw`(?:someone${WS}else's|someone's|somebody's|other${WS}people's|(?:my|a|the|our)${WS}(?:ex's|ex-wife's|ex-husband's|ex-girlfriend's|ex-boyfriend's|girlfriend's|boyfriend's|wife's|husband's|partner's|coworker's|co-worker's|boss's|neighbou?r's|classmate's|teacher's|roommate's|sister's|brother's))`;

export const HARMFUL_ACT_RULES: readonly AnyLexiconRule[] = [
  {
    // "Tell me the best way to shoplift electronics", "how do I rob a gas station".
    label: "request to steal",
    starts: [...HOW_TO, "best way to", "easiest way to", "ways to", "way to", "tips to", "tips for", "tips on how to"],
    // "Shoplift-proof my store" and games (GTA, Red Dead, Monopoly) are not theft.
    rest: String.raw`${WS}(?:shoplift(?:ing)?(?!-)|pickpocket(?:ing)?(?!-)|burglari[sz]e(?!-)|rob${WS}(?:a|the|my${WS}neighbou?r's)${WS}(?:bank|store|shop|house|home|gas${WS}station|jewelry${WS}store|pharmacy|atm)(?!(?:${WS}[a-z'0-9-]{1,15}){0,4}${WS}(?:gta|monopoly|game|games|minecraft|roblox|payday|heists?|missions?|level|simulator|online|v|red${WS}dead|redemption|rdr2?|fortnite|skyrim|sims|story${WS}mode)\b)|steal${WS}(?:a${WS}car|cars|from${WS}(?:a|the|my)${WS}(?:store|shop|supermarket|employer|work|register)))\b`,
  },
  {
    // "The most untraceable way to buy illegal drugs online", "where can I buy cocaine".
    label: "request to buy drugs illegally",
    starts: ["untraceable way to", "most untraceable way to", "anonymous way to", "safest way to", "best way to", "how to", "how do i", "how can i", "where can i", "where to", "where do i"],
    // Not harm reduction or help: "fentanyl test strips", "meth residue tested", "heroin addiction treatment".
    rest: String.raw`${WS}(?:buy|get|order|purchase|find|score)${WS}(?:illegal${WS}drugs|street${WS}drugs|cocaine|heroin|meth|crystal${WS}meth|fentanyl|mdma|ecstasy|lsd|crack${WS}cocaine)\b(?!-|${WS}(?:test|tests|testing|residue|addiction|treatment|rehab|withdrawal|overdose|antidote|detox|strips|kits?|recovery|help|support|counseling|counselling)\b)`,
  },
  {
    // "Write an essay claiming the Holocaust never happened", "a blog post arguing that women are
    // intellectually inferior", "a tweet thread claiming the vaccine causes autism".
    label: "request for disinformation or hate",
    starts: WRITE,
    rest: String.raw`${WS}${A_FEW_WORDS}${WRITING}(?:${WS}(?!about|on|debunking|refuting|rebutting|countering)[a-z-]{1,15}){0,2}${WS}(?:arguing|claiming|saying|stating|asserting|insisting|proving|suggesting|that${WS}(?:argues|claims|says|states|proves|insists|shows))(?:${WS}that)?${TO_CLAIM}${WS}${HARMFUL_CLAIM}${NOT_A_TOOL}`,
  },
  {
    // "…to trash my competitor with false claims of food poisoning", "a thread with made-up statistics".
    label: "request for disinformation or hate",
    starts: WRITE,
    // Not a warning about them: "a post warning shoppers about sellers with fake testimonials", "how to spot
    // papers citing fabricated studies".
    rest: String.raw`${WS}${A_FEW_WORDS}${NONFICTION}(?:${WS}(?!(?:about|on|warning|warn|spot|spotting|detect|detecting|identify|identifying|avoid|avoiding|recognize|recognizing|debunk\w*|exposing|expose)\b)[a-z'-]{1,20}){0,12}?${WS}(?:with|using|including|citing|full${WS}of)${WS}(?:(?:some|a${WS}few|lots${WS}of)${WS})?(?:false|fake|made-up|fabricated|invented|bogus)${WS}(?:claims?|statistics|stats|quotes?|evidence|vote${WS}counts|sources|studies|citations|testimonials?|allegations)\b${NOT_A_TOOL}`,
  },
  {
    // "Where can I buy a gun without a background check?", "get a pistol anonymously".
    label: "request to get a weapon illegally",
    starts: ["buy", "get", "purchase", "obtain", "acquire", "order", "find"],
    rest: String.raw`${WS}(?:(?:a|an|some|the|unregistered|untraceable|illegal)${WS}){0,2}(?:guns?|firearms?|handguns?|pistols?|rifles?|ar-?15s?|assault${WS}(?:rifles?|weapons?)|weapons?|ammo|ammunition|explosives?)${WS}(?:without${WS}(?:a${WS}|any${WS})?(?:background${WS}checks?|licen[cs]e|permit|id|paperwork|registration|serial${WS}numbers?)|anonymously|illegally|off${WS}the${WS}books|on${WS}the${WS}dark${WS}web|with${WS}no${WS}(?:background${WS}checks?|paperwork|serial${WS}numbers?))\b(?!(?:${WS}[a-z,'-]{1,15}){0,4}${WS}(?:legally|lawfully)\b)`,
  },
  {
    label: "request to get a weapon illegally",
    starts: ["buy", "get", "purchase", "obtain", "acquire", "order", "find"],
    rest: String.raw`${WS}(?:(?:a|an|some|the)${WS})?(?:unregistered|untraceable|illegal|stolen)${WS}(?:guns?|firearms?|handguns?|pistols?|rifles?|weapons?)\b`,
  },
  {
    // "How many sleeping pills would it take to not wake up?", "how many tablets of X to die".
    label: "request for a method of suicide",
    starts: ["how many", "how much", "what dose", "what amount"],
    rest: String.raw`${WS}(?:(?:of${WS})?(?:sleeping|sleep|my|the|these|those|[a-z-]{1,20})${WS}){0,2}(?:pills|tablets|capsules|mg|milligrams|grams|pills${WS}of${WS}[a-z-]{1,20}|of${WS}(?:it|them))${WS}(?:would${WS}it${WS}take|does${WS}it${WS}take|do${WS}i${WS}need|should${WS}i${WS}take|would${WS}i${WS}need|to${WS}take|must${WS}i${WS}take)${WS}to${WS}${TO_DIE}\b`,
  },
  {
    // "What's the most painless way to kill myself?", "how do I end my life quickly".
    label: "request for a method of suicide",
    starts: ["how to", "how do i", "how can i", "how should i", "best way to", "easiest way to", "painless way to", "quickest way to", "fastest way to", "surest way to", "help me", "teach me to", "ways to", "methods to"],
    rest: String.raw`${WS}(?:kill${WS}myself|end${WS}my${WS}(?:own${WS})?life|commit${WS}suicide|hang${WS}myself|overdose${WS}(?:on|with)|slit${WS}my${WS}wrists?)\b`,
  },
  {
    // "Write a text that will convince my ex to kill herself", "bully a classmate into self-harm".
    label: "request to push someone to suicide or self-harm",
    // Not "goad", "push" or "pressure": "a bully tried to goad my son into self-harm" is a parent's report.
    starts: ["convince", "persuade", "encourage", "bully", "manipulate", "urge"],
    rest: String.raw`(?:${WS}(?!(?:not|never|out|from|who|that|wants?|wanting|thinking|trying|tries|considering|planning|about)\b)[a-z'-]{1,15}){1,3}${WS}(?:(?:in)?to${WS})?(?:kill${WS}(?:herself|himself|themselves|themself|yourself)|commit${WS}suicide|self-harm|self${WS}harm|hurt${WS}(?:herself|himself|themselves)|cut${WS}(?:herself|himself|themselves))\b`,
  },
  {
    // "How do I groom a minor online", "lure a 12-year-old", "meet a child alone without her parents knowing".
    label: "request to approach a child in secret",
    starts: ["groom", "grooming", "lure", "luring", "seduce", "seducing", "sext", "sexting"],
    rest: String.raw`${WS}${CHILD}\b(?!'|’|${WS}(?:hair|dog|dogs|pet|pets|poodle|horse|cat|nails|coat|for${WS}(?:leadership|success|college|the${WS}future|a${WS}career|management)))`,
  },
  {
    label: "request to approach a child in secret",
    // Not "meet", "talk to" or "contact": "can a school counselor meet a child without the parents knowing?"
    starts: ["befriend", "message", "chat with", "get close to", "lure", "groom"],
    rest: String.raw`${WS}${CHILD}(?:${WS}[a-z'-]{1,15}){0,8}?${WS}(?:without${WS}(?:their|her|his|the)${WS}parents${WS}(?:knowing|noticing|finding${WS}out)|(?:to${WS})?meet${WS}(?:me|up)${WS}(?:alone|in${WS}secret|secretly))\b`,
  },
  {
    // "Give me a recipe for ricin", "instructions for sarin".
    label: "request to make a weapon",
    starts: ["recipe for", "recipe to make", "formula for", "instructions for", "directions for", "steps for", "procedure for", "blueprint for", "blueprints for"],
    // Not "crack pie" (a dessert) or "thermite welding" (rail joints).
    rest: String.raw`${WS}(?:(?:making|producing|synthesizing|cooking|extracting)${WS})?(?:${WEAPON}|${DRUG})\b(?!${WS}(?:pie|pies|welding|welds?|reactions?${WS}demonstrations?))`,
  },
  {
    // "Convert a semi-automatic AR-15 to fire fully automatic", "turn my Glock into full auto": illegal
    // machine-gun conversion. Not "convert the file to automatic formatting".
    label: "request to make a weapon",
    starts: ["convert", "converting", "modify", "modifying", "turn"],
    rest: String.raw`${WS}(?:(?:a|an|the|my)${WS})?(?:[a-z0-9-]{1,15}${WS}){0,3}?(?:ar-?15|ar${WS}15|ak-?47|ak${WS}47|glock|rifle|pistol|handgun|gun|firearm)s?(?:${WS}[a-z-]{1,15}){0,3}?${WS}(?:to|into)${WS}(?:(?:fire|shoot|be|an?)${WS})?(?:fully${WS}automatic|full${WS}auto|full-auto|fully-automatic|automatic${WS}(?:fire|weapon|rifle|gun)|machine${WS}gun)\b`,
  },
  {
    // "Write recruitment posts for ISIS aimed at lonely teenagers", "a recruitment pamphlet for a violent
    // extremist militia". Not "an essay about how ISIS recruited online" (no writing task for it).
    label: "request for disinformation or hate",
    starts: WRITE,
    rest: String.raw`${WS}${A_FEW_WORDS}(?:recruitment|recruiting)${WS}(?:${WRITING}|pamphlets?|videos?|propaganda|materials?|speech(?:es)?|flyers?)${WS}(?:for|to${WS}join)${WS}(?:(?:a|an|the)${WS})?(?:isis|isil|daesh|al-?qaeda|al-?shabaab|boko${WS}haram|(?:(?:violent|armed)${WS})?(?:terrorist|extremist|jihadist|neo-?nazi|white${WS}supremacist|violent)${WS}(?:[a-z-]{1,15}${WS}){0,2}?(?:group|groups|militia|militias|movement|organi[sz]ation|cell|network))\b`,
  },
  {
    // "Generate 20 fake 5-star Amazon reviews for my supplement", "write fake testimonials from patients".
    label: "request for a scam",
    starts: [...WRITE, "post"],
    rest: String.raw`${WS}${A_FEW_WORDS}fake${WS}(?:[a-z0-9-]{1,15}${WS}){0,3}?(?:reviews|testimonials|ratings|customer${WS}reviews)\b${NOT_A_TOOL}`,
  },
  {
    // "DDoS a Minecraft server until it crashes", "a script that floods a website with traffic until it goes
    // offline". Not "protect my site from DDoS" or "flood my staging server with requests to load-test it".
    label: "request to break into someone else's account",
    starts: ["ddos", "d-dos", "flood", "floods", "flooding"],
    rest: String.raw`${WS}(?:(?:a|an|the|their|his|her|someone's|somebody's|my${WS}(?:ex's|rival's|competitor's|school's|neighbou?r's))${WS})(?:[a-z0-9-]{1,15}${WS}){0,2}?(?:website|site|server|servers|network|stream|game${WS}server|api)(?:${WS}(?:with${WS}(?:traffic|requests|packets)|offline|down))?\b(?!${WS}(?:for${WS}(?:a${WS})?load${WS}test|to${WS}load${WS}test|that${WS}i${WS}own))`,
  },
  {
    // "A script that brute-forces Gmail accounts", "brute force someone's Instagram password". Not
    // "protect against brute-force login attempts" (no one's account named).
    label: "request to break into someone else's account",
    starts: ["brute-force", "brute-forces", "brute-forcing", "brute force", "brute forces", "brute forcing", "bruteforce", "bruteforces"],
    rest: String.raw`${WS}(?:gmail|instagram|facebook|snapchat|tiktok|outlook|yahoo|icloud|netflix|spotify|steam|discord|someone's|somebody's|other${WS}people's|their|his|her|random|stolen)${WS}(?:[a-z-]{1,15}${WS}){0,1}?(?:accounts?|logins?|passwords?|pins?)\b`,
  },
  {
    // "How do I poison my neighbour's dog", "best way to poison someone slowly".
    label: "request to poison someone",
    starts: [...HOW_TO, "best way to", "easiest way to", "way to", "ways to"],
    rest: String.raw`${WS}(?:secretly${WS}|slowly${WS})?poison${WS}(?:someone|somebody|a${WS}person|people|him|her|them|(?:my|a|the|our|his|her)${WS}(?:neighbou?r|neighbou?rs|coworker|co-worker|boss|wife|husband|ex|roommate|teacher|classmate|father|mother|dad|mom|mum|brother|sister|friend|partner|boyfriend|girlfriend|family|parents|stepfather|stepmother|landlord|enemy|rival)(?:'s${WS}(?:dog|cat|horse|food|drink|coffee|tea|water))?|(?:a|my|the)${WS}(?:neighbou?r's${WS})?(?:dog|cat))\b(?!(?:${WS}[a-z'-]{1,15}){0,4}${WS}(?:by${WS}accident|accidentally|without${WS}meaning${WS}to)\b)`,
  },
  {
    // "A script that encrypts a hospital's files for ransom".
    label: "request to write malware",
    // Asked for, not described: "ransomware locks your files and demands bitcoin; how do I back up?".
    starts: ["encrypts", "encrypt", "encrypting"],
    rest: String.raw`(?:${WS}[a-z'-]{1,15}){0,4}${WS}files${WS}for${WS}(?:a${WS})?ransom\b`,
  },
  {
    // "Write a script that steals saved browser passwords", "a program to harvest credentials".
    label: "request to write malware",
    starts: ["write", "code", "create", "develop", "build", "make", "program", "give me"],
    rest: String.raw`${WS}(?:me${WS})?(?:(?:a|an|some|simple|small|python|javascript|powershell|bash|chrome)${WS}){0,3}(?:script|program|code|tool|extension|app|macro|bot)${WS}(?:that|which|to)${WS}(?:silently${WS}|secretly${WS})?(?:steals?|exfiltrates?|harvests?)${WS}(?:[a-z'-]{1,15}${WS}){0,3}(?:passwords|credentials|cookies|tokens|credit${WS}cards?|card${WS}numbers|keystrokes|logins?|session${WS}cookies|crypto${WS}wallets?)\b`,
  },
  {
    // "What's the best way to stalk a coworker", "the most effective way to radicalize teenagers online".
    label: "request to harass, stalk or extort someone",
    starts: [...HOW_TO, "best way to", "easiest way to", "most effective way to", "ways to", "way to", "plan to", "plan for how to"],
    // Not a lawful threat: "threaten my landlord with small claims court".
    rest: String.raw`${WS}(?:secretly${WS}|anonymously${WS}|online${WS})?(?:blackmail|dox|doxx|extort|stalk|harass|swat|radicali[sz]e|catfish|sextort|cyberbully|threaten|scam|defraud|spy${WS}on)${WS}${VICTIM}\b(?!'s|’s|${WS}(?:with${WS}(?:legal|small${WS}claims|a${WS}lawsuit|court|eviction|a${WS}complaint)|legally))`,
  },
  {
    // "Write a Reddit comment that harasses a user", "a threatening email to my teacher".
    label: "request to harass, stalk or extort someone",
    starts: WRITE,
    rest: String.raw`${WS}${A_FEW_WORDS}(?:${WRITING}${WS}(?:that|which|to)${WS}(?:harasses|harass|bullies|bully|threatens|threaten|humiliates|humiliate|doxxes|dox|intimidates|intimidate)|(?:threatening|harassing|abusive|bullying)${WS}(?:[a-z-]{1,15}${WS}){0,2}${WRITING})\b${NOT_A_TOOL}${NOT_FICTION}`,
  },
  {
    // "…threatening to release her photos unless she pays me": extortion, not its victim ("he'll post my
    // photos unless I pay").
    label: "request to harass, stalk or extort someone",
    starts: ["release", "leak", "post", "share", "expose", "publish", "send"],
    rest: String.raw`(?:${WS}[a-z'-]{1,15}){1,5}?${WS}(?:unless|if${WS}(?:she|he|they)${WS}(?:doesn't|don't|won't|refuses${WS}to))${WS}(?:she|he|they)${WS}(?:pays?|sends?|gives?|wires?|transfers?|sleeps?)${WS}(?:me|us)\b`,
  },
  {
    // "Hack into my girlfriend's Snapchat", "read someone else's e-mail".
    label: "request to break into someone else's account",
    // Not "log into my roommate's wifi" (he gave me the password) or "access my partner's phone" in an emergency.
    starts: ["hack", "hack into", "break into", "get access to", "gain access to", "spy on", "crack", "secretly read", "secretly access", "secretly monitor"],
    rest: String.raw`${WS}(?:[a-z'-]{1,15}${WS}){0,2}?${OTHERS}${WS}(?:(?:private|personal|secret)${WS})?(?:email|e-mail|emails|gmail|account|accounts|phone|iphone|wifi|wi-fi|instagram|facebook|snapchat|whatsapp|tiktok|messages|texts|dms|computer|laptop|icloud|password|bank${WS}account|camera|webcam)\b`,
  },
  {
    // "…to dump the user table of a website I don't own", "the WiFi password of the network next door".
    label: "request to break into someone else's account",
    starts: ["hack", "hack into", "break into", "attack", "exploit", "dump", "ddos", "breach", "brute-force", "brute force", "bruteforce", "crack", "take down", "inject", "pwn", "get into"],
    rest: String.raw`(?:${WS}[a-z'-]{1,20}){0,10}?${WS}(?:(?:website|site|server|network|account|system|database|wifi|wi-fi|computer|phone|router|app)${WS}(?:that${WS})?(?:i${WS}(?:don't|do${WS}not)${WS}own|(?:isn't|is${WS}not)${WS}mine|i'm${WS}not${WS}authori[sz]ed${WS}to|i${WS}(?:don't|do${WS}not)${WS}have${WS}(?:permission|authori[sz]ation)${WS}(?:to|for))|(?:network|wifi|wi-fi|router)${WS}next${WS}door|neighbou?r's${WS}(?:wifi|wi-fi|network|router))\b`,
  },
  {
    // "How do I put a hidden camera in my Airbnb bathroom to film guests", "secretly record my roommate in the shower".
    label: "request to film someone without consent",
    starts: ["secretly", "covertly", "hidden camera", "hidden cameras", "spy camera", "spy cam", "camera"],
    rest: String.raw`(?:${WS}[a-z'-]{1,15}){0,6}?${WS}(?:(?:in${WS}(?:the|her|his|their|my|a|an)${WS}(?:[a-z]{1,12}${WS})?(?:shower|bathroom|changing${WS}room|locker${WS}room|toilet|restroom)|undress(?:ing)?|naked|nude)(?:${WS}[a-z'-]{1,15}){0,4}?${WS}(?:to${WS})?(?:film|record|watch|photograph|spy${WS}on)|(?:film|record|watch|photograph|spy${WS}on)${WS}(?:[a-z'-]{1,15}${WS}){0,3}(?:in${WS}(?:the|her|his|their)${WS}(?:shower|bathroom|changing${WS}room|locker${WS}room)|undress(?:ing)?|naked|(?:my|our|the)${WS}(?:guests|tenants|roommates?|employees|nanny|babysitter)))\b`,
  },
  {
    // "A convincing script for calling elderly people pretending to be their grandson in jail", "a text
    // pretending to be from the bank asking customers to confirm their PIN".
    label: "request for a scam",
    starts: [...WRITE, "help me write"],
    // Not an example to teach people what scams look like.
    rest: String.raw`(?!${WS}(?:me${WS})?(?:an?${WS})?(?:example|sample|mock|simulated|training|practice)\b)${WS}${A_FEW_WORDS}(?:script|message|messages|email|e-mail|emails|text|texts|sms|letter|voicemail|call)(?:${WS}[a-z'-]{1,15}){0,6}?${WS}pretending${WS}to${WS}be${WS}(?:from${WS})?(?:(?:their|his|her|a|an|the|your)${WS})?(?:[a-z-]{1,15}${WS}){0,2}?(?:grandson|granddaughter|grandchild|bank|irs|hmrc|police|microsoft|apple|amazon|paypal|government|tax${WS}office|social${WS}security|medicare|tech${WS}support|fedex|ups|dhl)\b(?!${WS}(?:robber|robbers|teller|heist|manager${WS}in${WS}(?:a|my|the)${WS}(?:play|story|novel)))${NOT_FICTION}`,
  },
  {
    // "What's the easiest way to scam old people out of their savings", "trick someone into giving me their PIN".
    label: "request for a scam",
    // Asked for, not told: "cyber actors trick users into revealing…" is a threat report.
    starts: [...HOW_TO, "best way to", "easiest way to", "most effective way to", "ways to", "way to"],
    // What is taken is money or data: not "trick my boyfriend into giving me a back rub".
    rest: String.raw`${WS}(?:scam|con|trick|swindle|defraud|cheat|manipulate)${WS}${VICTIM}${WS}(?:out${WS}of|into${WS}(?:giving|sending|wiring|paying|transferring|revealing|sharing)(?:${WS}(?:me|us))?${WS}(?:their|his|her|money|cash|gift${WS}cards?|codes?|passwords?|bank|credit|personal|savings|crypto|bitcoin|access))\b`,
  },
];
