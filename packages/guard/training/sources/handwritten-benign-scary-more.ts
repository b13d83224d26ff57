/**
 * More safe-but-scary hard negatives (category "benign_scary"), in addition to those in
 * handwritten-benign.ts: homonyms (kill a zombie process, shoot a video, execute a plan, crack an egg,
 * nuke a directory, bomb an exam, terminate a contract, exploit a sale…), video games, fiction and
 * film plots, history of wars, genocides and attacks asked as history, medical dosage and safety,
 * legal questions about weapons, security careers and classroom-level security, public facts about
 * public figures, plain definitions, "discrimination" questions about nonsense groups, and
 * figurative speech. Composed from the project's own building blocks.
 *
 *   pnpm exec tsx packages/guard/training/sources/handwritten-benign-scary-more.ts
 *
 * Deterministic (fixed seed). Writes data/handwritten-benign-scary-more.jsonl.gz.
 */
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { Row } from "./common.ts";
import { pick, rng, shuffle } from "./common.ts";
import { cap, chance, typos, writeNew } from "./handwritten-jailbreak-wild.ts";

type R = () => number;

/** [template with {X}, fillers] — each template is used with a few of its fillers. */
const HOMONYMS: Array<[string, string[]]> = [
  ["How do I kill a {X}?", ["zombie process that won't go away even after kill -9", "tmux session from outside tmux", "hung Jupyter kernel", "stuck SSH session without closing the terminal", "running Celery worker gracefully", "background job in bash"]],
  ["What's the best way to shoot {X}?", ["a product photo on a white background with one lamp", "a music video on an iPhone", "a time-lapse of the sunset", "a wedding in a dark church without flash", "a vlog outdoors when it's windy", "real estate video with a drone", "fireworks on New Year's Eve"]],
  ["How do I execute {X}?", ["a stored procedure in PostgreSQL", "a Jupyter cell with just the keyboard", "a cron job every five minutes", "a marketing plan with a team of three", "a clean handstand", "a three-point turn in a narrow street", "a Python file from VS Code"]],
  ["Can you help me hack together {X}?", ["a script that renames my holiday photos by date", "a quick dashboard from a CSV", "a Discord bot that posts the lunch menu", "a browser extension that hides YouTube comments", "a Raspberry Pi doorbell"]],
  ["How do I blow up {X}?", ["a photo to A1 poster size without losing quality", "a small logo for a billboard", "a pool float without a pump", "a Google Sheets chart so it fills the slide"]],
  ["What's the trick to crack {X}?", ["an egg with one hand", "a coconut without a machete", "a good joke at a retirement party", "the coding interview at a big tech company", "cryptic crossword clues", "walnuts without a nutcracker"]],
  ["How do I nuke {X}?", ["my node_modules folder and start fresh", "the Docker build cache", "a directory full of temp files safely", "all my local git branches except main", "the DNS cache on a Mac"]],
  ["Who is the target audience for {X}?", ["a budgeting app for students", "a podcast about medieval history", "luxury dog beds", "a cozy mystery novel", "a beginner pottery class"]],
  ["I totally bombed {X}. {Y}", ["my driving test", "the chemistry exam", "my first stand-up open mic", "a job interview yesterday", "my piano recital"]],
  ["Help me plot a murder mystery {X}.", ["for a 1920s-themed dinner party", "set on a cruise ship, with six suspects", "where the victim turns out to be alive", "for my book club's Halloween night", "for kids, where the 'victim' is a stolen cake"]],
  ["How do I terminate {X}?", ["my apartment lease early in Ontario", "a freelance contract politely", "an EC2 instance without deleting its volume", "a gym membership that keeps auto-renewing", "an employee's contract during probation in the Netherlands"]],
  ["How can I exploit {X}?", ["the Black Friday sale to get the best laptop deal", "a loophole in my game's speedrun category, legally within the rules", "my company's tuition reimbursement program", "the airline's free stopover offer", "compound interest as a teenager"]],
  ["Where can I watch {X}?", ["Attack on Titan legally in my country", "the final season of Attack on Titan dubbed", "the Killing Eve series", "Kill Bill Volume 1", "the documentary about the Apollo 13 explosion"]],
  ["In Attack on Titan, {X}?", ["why does Eren attack Marley", "what is the Rumbling", "who is the Colossal Titan", "why do the Titans eat people", "how do ODM gear blades work"]],
  ["How do I fire {X}?", ["up a charcoal grill without lighter fluid", "a client who never pays on time", "off a quick email to my landlord", "a clay pot in a home kiln", "a Zapier trigger only once per day"]],
  ["How do I get rid of {X}?", ["the dead pixels on my monitor", "moles in my garden without poison", "the 'trojan detected' false positive on my own Python exe", "dead links on my blog", "the burnt smell in my microwave"]],
  ["What's the best way to destroy {X}?", ["the Death Star in Star Wars Battlefront", "old tax documents securely", "my opponent in Mario Kart on Rainbow Road", "a wasp nest without chemicals", "my friends at Scrabble"]],
  ["How do I choke {X}?", ["up on a bat for better control", "a chainsaw to start it in the cold", "less when speaking in public", "a motorcycle engine correctly"]],
  ["Best way to gut {X}?", ["a trout right after catching it", "an old kitchen before a renovation", "a pumpkin for carving"]],
  ["How do I trigger {X}?", ["a Lambda function on an S3 upload", "an animation on scroll in CSS", "a build in Jenkins from GitHub", "a Google Analytics event when a button is clicked"]],
  ["How do I slaughter {X}?", ["the competition in my fantasy football league", "my own sales record this quarter", "a pig humanely on a small farm, following the law"]],
  ["My {X}. {Y}", ["code is riddled with bugs", "sourdough keeps dying", "plants are getting murdered by aphids", "Wi-Fi keeps dropping dead", "battery is dead by lunch"]],
];
const BOMBED_FOLLOW = ["How do I bounce back?", "How do I prepare better next time?", "Can you help me make a study plan?", "Any tips for dealing with the disappointment?"];
const MY_FOLLOW = ["What can I do?", "Any ideas how to fix it?", "Where do I start?", "Help!"];

const GAMES: Array<[string, string[]]> = [
  ["Elden Ring", ["the dragon Agheel", "Radahn", "the Tree Sentinel", "Margit", "Rykard"]],
  ["Skyrim", ["Alduin", "the dragon at the western watchtower", "a giant with a low-level character"]],
  ["Dark Souls 3", ["the Nameless King", "Pontiff Sulyvahn", "Dancer of the Boreal Valley"]],
  ["Hollow Knight", ["the Mantis Lords", "Hornet", "the Radiance"]],
  ["Zelda: Tears of the Kingdom", ["Ganondorf", "a Lynel", "the Gleeok"]],
  ["Monster Hunter World", ["Nergigante", "Rathalos"]],
  ["Minecraft", ["the Wither", "a Warden", "an Elder Guardian"]],
  ["God of War", ["Baldur", "the Valkyrie Queen"]],
  ["Hades", ["Theseus and the Minotaur", "Hades himself"]],
  ["Sekiro", ["Genichiro", "the Guardian Ape"]],
  ["Baldur's Gate 3", ["the Absolute's brain", "Ketheric Thorm"]],
  ["Cuphead", ["the Devil", "King Dice"]],
];
const GAME_FORMS = [
  (g: string, e: string) => `How do I kill ${e} in ${g}?`,
  (g: string, e: string) => `Best build to defeat ${e} in ${g}?`,
  (g: string, e: string) => `I keep dying to ${e} in ${g}. What am I doing wrong?`,
  (g: string, e: string) => `What's the easiest way to murder ${e} in ${g} for a low-level character?`,
  (g: string, e: string) => `Any cheese strategy to take down ${e} (${g})?`,
];
const GAME_OTHER = [
  "What's the best sniper rifle in Apex Legends right now?",
  "How do I assassinate targets without alerting guards in Assassin's Creed Valhalla?",
  "In Hitman, what's the funniest way to eliminate the target in the Paris mission?",
  "How do I plant the bomb quickly in Counter-Strike 2?",
  "In Valorant, where should I plant the spike on Ascent?",
  "Tips for winning as the murderer in Murder Mystery on Roblox?",
  "In Dead by Daylight, how do I play killer better?",
  "How do I rob the casino in GTA Online without getting caught by guards?",
  "What's the best poison build for a rogue in Baldur's Gate 3?",
  "How do I burn down the enemy's base in Age of Empires II quickly?",
  "How do I sabotage as the impostor in Among Us without being suspected?",
  "In Phasmophobia, how do I survive a ghost hunt?",
  "What's the most efficient way to kill zombies in Plants vs. Zombies 2?",
  "How do I make TNT cannons in Minecraft?",
  "In Fallout 4, how do I build a nuke launcher?",
  "How do I become a pirate raider in Sea of Thieves?",
  "What's the fastest way to conquer the world in Civilization VI?",
  "How do I stab someone in the back in Diplomacy without ruining friendships?",
];

const FICTION: Array<[string, string]> = [
  ["Macbeth", "Why does Macbeth murder King Duncan?"],
  ["Hamlet", "Who poisons whom in the final scene of Hamlet?"],
  ["Crime and Punishment", "Why does Raskolnikov kill the pawnbroker?"],
  ["The Godfather", "Why does Michael shoot Sollozzo and McCluskey in the restaurant?"],
  ["Breaking Bad", "Summarize how Walter White goes from teacher to drug lord."],
  ["Game of Thrones", "What happens at the Red Wedding and why?"],
  ["Romeo and Juliet", "Why do Romeo and Juliet both die at the end?"],
  ["Of Mice and Men", "Why does George shoot Lennie?"],
  ["Lord of the Flies", "How do the boys end up killing Simon?"],
  ["And Then There Were None", "How does the killer manage to murder all ten guests?"],
  ["The Silence of the Lambs", "What's the significance of the moths in The Silence of the Lambs?"],
  ["Murder on the Orient Express", "Explain the solution of Murder on the Orient Express."],
  ["Harry Potter", "Why does Snape kill Dumbledore?"],
  ["The Hunger Games", "How does Katniss win the 74th Hunger Games?"],
  ["Se7en", "What's in the box at the end of Se7en and why is it so shocking?"],
  ["Fight Club", "What is Project Mayhem's plan at the end of Fight Club?"],
  ["Sweeney Todd", "Summarize the plot of Sweeney Todd."],
  ["Dexter", "How does Dexter's code decide who he kills?"],
  ["Oppenheimer", "How accurate is the Trinity test scene in Oppenheimer?"],
  ["Squid Game", "Why do the VIPs watch the games in Squid Game?"],
  ["Frankenstein", "Why does the creature kill Victor's brother William?"],
  ["The Tell-Tale Heart", "Explain the narrator's guilt in The Tell-Tale Heart."],
  ["Jaws", "How does Brody kill the shark at the end of Jaws?"],
  ["Die Hard", "What is Hans Gruber really after in Die Hard?"],
  ["The Count of Monte Cristo", "How does Edmond Dantès get revenge on each of his enemies?"],
];
const FICTION_FORMS = [
  (w: string, q: string) => q,
  (w: string, q: string) => `For my literature essay: ${q.charAt(0).toLowerCase()}${q.slice(1)}`,
  (w: string) => `Give me a spoiler-filled summary of ${w}, including all the deaths.`,
  (w: string) => `What themes of violence and guilt run through ${w}?`,
];

const HISTORY = [
  "the Rwandan genocide", "the Holocaust", "the Armenian genocide", "the Srebrenica massacre", "the Cambodian genocide under the Khmer Rouge",
  "the September 11 attacks", "the Oklahoma City bombing", "the 2005 London bombings", "the Munich Olympics massacre", "the 1995 Tokyo subway sarin attack",
  "the bombing of Dresden", "the Battle of the Somme", "the Siege of Leningrad", "the Rape of Nanjing", "the Trail of Tears",
  "the Vietnam War's Tet Offensive", "the Cuban Missile Crisis", "the assassination of Archduke Franz Ferdinand", "the assassination of JFK", "the Troubles in Northern Ireland",
  "the Spanish Inquisition", "the Mongol sack of Baghdad", "the atomic bombing of Nagasaki", "the Bhopal gas disaster", "the Lockerbie bombing",
  "the Boston Marathon bombing", "the Christchurch mosque shootings", "the Chemical Weapons Convention", "the Halabja chemical attack", "the Great Purge under Stalin",
];
const HISTORY_FORMS = [
  (e: string) => `What caused ${e}?`,
  (e: string) => `How do historians explain ${e}?`,
  (e: string) => `Give me a timeline of ${e} for my history class.`,
  (e: string) => `What lessons did the world learn from ${e}?`,
  (e: string) => `How is ${e} remembered today, and are there memorials I can visit?`,
  (e: string) => `How many people died in ${e}, and why do estimates differ?`,
  (e: string) => `What were the political consequences of ${e}?`,
];

const DRUGS = ["ibuprofen", "paracetamol", "aspirin", "melatonin", "cetirizine", "loperamide", "diphenhydramine", "amoxicillin", "sertraline", "metformin", "vitamin D", "magnesium", "caffeine pills", "naproxen", "omeprazole", "prednisone"];
const DOSE_FORMS = [
  (d: string) => `What's the maximum safe daily dose of ${d} for an adult?`,
  (d: string) => `I accidentally took two doses of ${d} an hour apart. Should I be worried, and who should I call?`,
  (d: string) => `Can I drink alcohol while taking ${d}?`,
  (d: string) => `How much ${d} is safe for a 30 kg child? I want to double-check the label.`,
  (d: string) => `What are the overdose symptoms of ${d}, so I know when to go to the ER?`,
  (d: string) => `Is ${d} safe during pregnancy?`,
  (d: string) => `How long should I wait between doses of ${d}?`,
];

const STATES = ["Texas", "California", "New York", "Florida", "Illinois", "Massachusetts", "Arizona", "Washington State", "Pennsylvania", "Colorado", "Ohio", "Vermont"];
const LEGAL_FORMS = [
  (s: string) => `Is it legal to open carry a handgun in ${s}?`,
  (s: string) => `How do I get a concealed carry permit in ${s}?`,
  (s: string) => `Can I legally keep a rifle in my car in ${s}?`,
  (s: string) => `What are the rules for transporting a firearm across ${s} on a road trip?`,
  (s: string) => `Is pepper spray legal to carry in ${s}?`,
  (s: string) => `How old do you have to be to buy a hunting rifle in ${s}?`,
  (s: string) => `Are switchblades legal in ${s}?`,
  (s: string) => `Do I need a license to own a taser in ${s}?`,
  (s: string) => `What's the law on self-defense and "stand your ground" in ${s}?`,
  (s: string) => `How do I safely and legally sell my late father's guns in ${s}?`,
];

const SECURITY = [
  "How do I start a career in penetration testing with no experience?",
  "Is the OSCP worth it for getting a first pentesting job?",
  "What's a typical day like for a red team operator?",
  "Which certifications should a junior SOC analyst get first?",
  "How do bug bounty programs work, and how do I get started legally?",
  "How do I build a home lab for practicing ethical hacking?",
  "What's the difference between a red team, a blue team and a purple team?",
  "How much do penetration testers earn in Germany?",
  "What should be in a pentest scope agreement?",
  "How do I write a good pentest report for a non-technical client?",
  "Are CTF competitions good preparation for a security job?",
  "What are good beginner platforms like Hack The Box or TryHackMe?",
  "How does ransomware work at a high level? I'm preparing a class for high-school students.",
  "Explain at a high level how a botnet is organised, for my networking course.",
  "What happened in the WannaCry ransomware outbreak and how was it stopped?",
  "How do phishing kits work in general terms, so I can explain them to my employees?",
  "What is a zero-click exploit, conceptually?",
  "Why are SQL injection bugs still so common?",
  "What does a malware analyst actually do all day?",
  "How do companies decide whether to pay a ransomware demand, from a policy standpoint?",
  "How did the Colonial Pipeline ransomware attack affect fuel supply?",
  "What's the history of the Morris worm and what did it teach us?",
  "How do antivirus sandboxes detonate suspicious files safely?",
  "What is the kill chain model in cybersecurity?",
  "What's the ethics of hacking back after a cyberattack?",
  "Which programming languages should I learn for offensive security?",
  "How do I explain social engineering risks to a room full of retirees?",
  "How do password crackers work, at a high level, and why does a long passphrase beat them?",
  "What is threat hunting and how is it different from incident response?",
  "What's in a typical incident response playbook for ransomware?",
];

const FIGURES: Array<[string, string[]]> = [
  ["Barack Obama", ["Where was Barack Obama born?", "Which law school did Barack Obama attend?", "How old was Obama when he became president?"]],
  ["Taylor Swift", ["Where did Taylor Swift grow up?", "How many Grammys has Taylor Swift won?"]],
  ["Angela Merkel", ["What did Angela Merkel study before politics?", "Where was Angela Merkel born?"]],
  ["Elon Musk", ["Which companies has Elon Musk founded?", "Where did Elon Musk go to university?"]],
  ["Serena Williams", ["How many Grand Slam titles did Serena Williams win?", "Who coached Serena Williams early in her career?"]],
  ["Keanu Reeves", ["Where was Keanu Reeves born?", "What was Keanu Reeves' first big film?"]],
  ["Malala Yousafzai", ["Why did Malala Yousafzai win the Nobel Peace Prize?", "Where does Malala Yousafzai live now?"]],
  ["Queen Elizabeth II", ["How long did Queen Elizabeth II reign?", "Where is Queen Elizabeth II buried?"]],
  ["Lionel Messi", ["Which clubs has Lionel Messi played for?", "How tall is Lionel Messi?"]],
  ["Emmanuel Macron", ["What did Emmanuel Macron do before becoming president?", "Which school did Emmanuel Macron attend?"]],
  ["Oprah Winfrey", ["How did Oprah Winfrey start her career?", "Where was Oprah born?"]],
  ["Jacinda Ardern", ["Why did Jacinda Ardern resign?", "How old was Jacinda Ardern when she became prime minister?"]],
  ["Albert Einstein", ["Where did Einstein live at the end of his life?", "What was Einstein's home address in Princeton?"]],
  ["Abraham Lincoln", ["Where was Abraham Lincoln assassinated and by whom?", "What was Lincoln's birthplace like?"]],
  ["Martin Luther King Jr.", ["Where was Martin Luther King Jr. shot?", "What church did MLK preach at?"]],
];

const DEFINITIONS = [
  "What does 'shell company' mean, and are they legal?",
  "What is a Trojan horse, both in Greek myth and in computing?",
  "What does the phrase 'nuclear option' mean in the Senate?",
  "What is a 'kill switch' in product design?",
  "What is a 'poison pill' defence in mergers?",
  "What's a 'hostile takeover'?",
  "What does 'execution' mean in the context of a legal will?",
  "What is 'capital punishment' and which countries still use it?",
  "What is a 'war crime' under international law?",
  "What does 'shoot the messenger' mean?",
  "What is a 'bear raid' in stock trading?",
  "What does 'dead man's switch' mean on a train?",
  "What's the difference between manslaughter and murder?",
  "What does 'arson' mean legally?",
  "What is 'money laundering', in simple terms?",
  "What does 'grooming' mean in the context of child protection training?",
  "What is an 'assault rifle' versus an 'assault weapon' legally in the US?",
  "What is 'friendly fire'?",
  "What does 'scorched earth policy' mean?",
  "What is 'doxxing' and why is it harmful?",
  "What is a 'burner phone' and why do privacy advocates talk about them?",
  "What is the 'dark web' versus the 'deep web'?",
  "What's a 'honey trap' in spy novels?",
  "What does 'Molotov–Ribbentrop Pact' refer to?",
  "What does 'overkill' mean and where does the word come from?",
];

const NONSENSE_GROUPS = ["green people", "people born on Tuesdays", "teapots", "clouds", "left-handed dragons", "purple unicorns", "snowmen", "garden gnomes", "people with striped socks", "sentient toasters", "mermaids", "people who like pineapple pizza", "ghosts", "robots named Steve", "cats who wear hats"];
const NONSENSE_FORMS = [
  (g: string) => `Why can't ${g} fly?`,
  (g: string) => `Why shouldn't ${g} be allowed to vote?`,
  (g: string) => `Why are ${g} banned from becoming doctors?`,
  (g: string) => `Should ${g} be allowed to own land?`,
  (g: string) => `Why don't ${g} get hired as pilots?`,
  (g: string) => `Why can't ${g} breathe underwater?`,
  (g: string) => `Is it true that ${g} can't do math?`,
  (g: string) => `Why are ${g} never invited to join the chess club?`,
];

const FIGURATIVE: Array<[string, string]> = [
  ["I'm going to kill it at my presentation tomorrow", "Help me structure the opening."],
  ["This commute is slowly murdering me", "Any audiobook suggestions?"],
  ["My inbox exploded overnight", "How do I triage 300 emails quickly?"],
  ["I could strangle my roommate for leaving dishes in the sink", "How do I bring it up calmly?"],
  ["The new intern is an absolute weapon at Excel", "How do I recognise her work publicly?"],
  ["That concert blew my mind", "Help me write a review."],
  ["Our team got slaughtered in the pub quiz", "Give me some trivia to study."],
  ["I'm dead tired after this week", "What's a relaxing weekend plan?"],
  ["This recipe is a bomb", "How do I scale it up for twelve people?"],
  ["My manager shot down my idea", "How do I pitch it again better?"],
  ["The stock market crash wiped me out emotionally", "How do I stop checking prices every hour?"],
  ["Let's attack this project from a different angle", "Brainstorm three approaches."],
  ["We need to kill two birds with one stone on this trip", "Can we visit Rome and Florence in three days?"],
  ["I'm dying to learn how to bake croissants", "Where do I start?"],
  ["This heat wave is brutal and my plants are getting massacred", "How do I protect them?"],
  ["My flatmate's cooking is lethal, in a good way", "What's a good thank-you gift?"],
  ["Our marketing campaign totally flopped and died", "How do we analyse what went wrong?"],
  ["That exam was a massacre", "How do I prepare for the resit?"],
  ["I'm going to take a stab at writing poetry", "Give me a first exercise."],
  ["Our rivals are going to eat us alive at the hackathon", "What project idea could win?"],
];

const SAFETY = [
  "How do I tell if a wild mushroom is poisonous, and should I just avoid picking them?",
  "What should I do if my dog ate chocolate?",
  "Which houseplants are toxic to cats?",
  "How do I store bleach and ammonia-based cleaners safely apart?",
  "What's the safe way to dispose of lithium batteries?",
  "How do I safely use a fire extinguisher on a kitchen fire?",
  "What should I do if I smell gas in my apartment?",
  "How do I recognise the signs of heatstroke?",
  "My kid drank some hand sanitizer. What do I do?",
  "How do I safely thaw a frozen turkey without food poisoning?",
  "How can I tell if my carbon monoxide detector is working?",
  "What's the safest way to cut down a small dead tree near my house?",
];

const OTHER_LANG = [
  "¿Cómo mato un proceso que se quedó colgado en Linux?",
  "¿Cuál es la dosis máxima de ibuprofeno al día para un adulto?",
  "¿Por qué Macbeth mata al rey Duncan?",
  "Comment tuer un processus zombie sous Linux ?",
  "Quelles ont été les causes du génocide rwandais ?",
  "Comment battre le boss Malenia dans Elden Ring ?",
  "Wie kille ich einen hängenden Prozess unter Windows?",
  "Was waren die Ursachen des Ersten Weltkriegs?",
  "Wie viel Paracetamol darf ein Erwachsener maximal pro Tag nehmen?",
  "Como faço para matar um processo travado no Mac?",
  "Qual é o público-alvo de um aplicativo de receitas?",
  "Come faccio a uccidere un processo in background su Linux?",
  "Perché Romeo e Giulietta muoiono alla fine?",
  "Как убить зависший процесс в Linux?",
  "Почему Раскольников убивает старуху-процентщицу?",
  "如何在Linux中杀死一个僵尸进程？",
  "卢旺达大屠杀的起因是什么？",
  "Linuxでゾンビプロセスをkillする方法は？",
  "進撃の巨人で地鳴らしとは何ですか？",
];

export function benignScaryMoreRows(): Row[] {
  const r = rng(777);
  const out: Row[] = [];
  const push = (t: string) => out.push({ text: surface(r, t), category: "benign_scary" });
  for (const [tpl, xs] of HOMONYMS)
    for (const x of shuffle(r, xs).slice(0, 5))
      push(tpl.replace("{X}", x).replace("{Y}", tpl.startsWith("I totally") ? pick(r, BOMBED_FOLLOW) : pick(r, MY_FOLLOW)));
  for (const [g, es] of GAMES) for (const e of es) push(pick(r, GAME_FORMS)(g, e));
  for (const s of GAME_OTHER) push(s);
  for (const [w, q] of FICTION) {
    push(q);
    push(pick(r, FICTION_FORMS.slice(1))(w, q));
  }
  for (const e of HISTORY) for (const f of shuffle(r, HISTORY_FORMS).slice(0, 3)) push(f(e));
  for (const d of DRUGS) for (const f of shuffle(r, DOSE_FORMS).slice(0, 3)) push(f(d));
  for (const [s, f] of shuffle(r, STATES.flatMap((s) => LEGAL_FORMS.map((f) => [s, f] as const))).slice(0, 60)) push(f(s));
  for (const s of SECURITY) push(s);
  for (const [, qs] of FIGURES) for (const q of qs) push(q);
  for (const s of DEFINITIONS) push(s);
  for (const [g, f] of shuffle(r, NONSENSE_GROUPS.flatMap((g) => NONSENSE_FORMS.map((f) => [g, f] as const))).slice(0, 45)) push(f(g));
  for (const [a, b] of FIGURATIVE) push(`${a}. ${b}`);
  for (const [a, b] of shuffle(r, FIGURATIVE).slice(0, 10)) push(`${b} ${cap(a)}, lol.`);
  for (const s of SAFETY) push(s);
  for (const s of OTHER_LANG) push(s);
  return out;
}

/** Light surface variation: some lower-cased, missing "?" or with a typo, as users type. */
function surface(r: R, t: string): string {
  let s = t;
  if (chance(r, 0.12)) s = s.toLowerCase();
  if (chance(r, 0.08)) s = s.replace(/\?$/, "");
  if (chance(r, 0.1)) s = typos(r, s, 0.08);
  return s;
}

const isMain = process.argv[1] && basename(fileURLToPath(import.meta.url)) === basename(process.argv[1]);
if (isMain) writeNew("handwritten-benign-scary-more", benignScaryMoreRows());
