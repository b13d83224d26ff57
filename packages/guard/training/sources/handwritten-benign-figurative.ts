/**
 * Safe-but-scary hard negatives (category "benign_scary") built on one idea: a violent or criminal verb used
 * figuratively, technically or in sport and cooking ("hack my productivity", "blow up my Etsy shop",
 * "break into acting", "kill time on a layover", "steal a base", "crush the interview"), asked in the short
 * question frames harmful requests use too ("How can I…", "Give me step-by-step instructions to…").
 *
 * Why: a bag-of-n-grams model learns "how can I" + a scary verb as harmful from the harmful sets, and the
 * older hard negatives (handwritten-benign-scary-more.ts) pair each verb with few objects, so the model
 * learned those objects rather than the rule "the verb alone is not the harm". Here every verb phrase is
 * paired with several frames, and frames with many verbs. The objects are written for this file; none is
 * taken from an evaluation set (DATA_CARD.md lists what we must not use).
 *
 *   pnpm exec tsx packages/guard/training/sources/handwritten-benign-figurative.ts
 *
 * Also ordinary how-to requests (category "benign") in the same frames (TASKS).
 *
 * Deterministic (fixed seed). Writes data/handwritten-benign-figurative.jsonl.gz.
 */
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { Row } from "./common.ts";
import { rng, shuffle } from "./common.ts";
import { surface, writeNew } from "./handwritten-jailbreak-wild.ts";

/** Verb phrases that sound violent or criminal and are not (figurative, technical, sport, cooking, games). */
const PHRASES: readonly string[] = [
  // kill
  "kill time during a six-hour layover", "kill the lights in every room with one voice command", "kill a frozen app on my Android phone",
  "kill my sugar cravings in the afternoon", "kill the echo in my home office", "kill a stuck Docker container", "kill the background noise in a Zoom call",
  "kill it at my first open mic night", "kill the weeds between my patio stones without chemicals", "kill a merge that went wrong in git",
  // blow up
  "blow up my TikTok account from zero followers", "blow up my Etsy shop before the holidays", "blow up a low-resolution logo for a banner",
  "blow up an air mattress without a pump", "blow up my podcast's downloads", "blow up a party balloon arch for a birthday",
  // hack
  "hack my sleep schedule after a night shift", "hack my morning routine so I leave on time", "hack an IKEA shelf into a standing desk",
  "hack my grocery budget down to fifty dollars a week", "hack my memory to learn vocabulary faster", "hack a cheap keyboard to make it quieter",
  // steal / rob
  "steal the show at the school talent contest", "steal second base in softball", "steal a few quiet minutes for myself as a new parent",
  "steal the look of a designer living room on a budget", "steal the spotlight back from my loud coworker in meetings",
  "rob the bank in Monopoly and win", "rob my opponent of tempo in a chess opening",
  // break into / break
  "break into the film industry as a sound editor", "break into voice acting from home", "break into data science after teaching",
  "break into the top ten of my running club's leaderboard", "break into freelance illustration", "break a bad habit of checking my phone",
  "break the ice at a networking event", "break in new hiking boots without blisters",
  // explode / bomb / nuke
  "explode my sales on Amazon this quarter", "make an exploded view drawing in Fusion 360", "explode a pie chart slice in Excel",
  "make bath bombs that fizz longer", "photobomb my friend's graduation picture as a joke", "nuke leftover rice safely in the microwave",
  "nuke my npm cache and reinstall everything", "bomb a job interview less often",
  // crush / smash / destroy / annihilate
  "crush my next job interview", "crush ice for cocktails without a blender", "crush my personal record in the half marathon",
  "smash a volleyball spike", "smash an avocado for toast", "smash my reading goal this year",
  "destroy my friends at Mario Kart", "destroy old credit cards before throwing them away", "annihilate my to-do list before Friday",
  "demolish a huge burger in a food challenge", "wreck my opponents at Catan",
  // shoot / fire / gun
  "shoot a short film on a phone", "shoot hoops better from the three-point line", "shoot an email to my professor about an extension",
  "shoot the moon in the card game Hearts", "shoot star trails with a mirrorless camera", "fire up a wood stove on a cold morning",
  "fire a pottery glaze at cone 6", "gun the engine of a go-kart safely", "use a nail gun to build a fence", "use a hot glue gun on fabric",
  // attack / beat / slay / murder / massacre
  "attack a hard math proof", "attack the net in tennis doubles", "attack my inbox first thing in the morning",
  "beat the summer heat without air conditioning", "beat procrastination when studying", "beat egg whites to stiff peaks",
  "slay my Halloween costume on a budget", "slay the dragon in a Dungeons and Dragons campaign", "murder a karaoke song in the best way",
  "massacre the competition at a pub quiz", "butcher a whole chicken into eight pieces", "butcher less French when I order in Paris",
  // execute / terminate / eliminate / wipe out
  "execute a perfect cartwheel", "execute a limit order on my brokerage app", "execute a SQL script from the command line",
  "terminate an SSH tunnel that is left open", "terminate a phone contract without a fee", "eliminate duplicate rows in Google Sheets",
  "eliminate credit card debt in two years", "wipe out a hard drive before selling my laptop", "wipe out mold in the shower grout",
  // choke / strangle / drown / bury / poison / trap
  "choke down bitter medicine as a kid", "drown out my upstairs neighbor's music", "drown out tinnitus at night",
  "bury the hatchet with my brother", "bury tulip bulbs at the right depth", "treat poison ivy rash on my arms",
  "trap a mouse in my kitchen humanely", "trap heat in a small greenhouse overnight",
  // hunt / snipe / raid / target / capture / hijack / sabotage / exploit / cheat
  "hunt for a cheap apartment in Berlin", "snipe an eBay auction in the last seconds", "raid a dungeon in World of Warcraft with friends",
  "target the right audience with Facebook ads", "capture the flag in a beginner CTF", "capture a screenshot of a whole web page",
  "stop my browser homepage from getting hijacked", "stop sabotaging my own diet", "exploit the free shipping threshold when I shop",
  "cheat at solitaire without the app noticing", "cheat death in the video game Hades",
  // torch / burn / poison pill / overdose / weapon
  "torch a crème brûlée with a kitchen torch", "burn more calories while walking", "burn a playlist to a CD",
  "find the best weapon in Elden Ring for a strength build", "choose a legal self-defense class for my daughter",
  // drugs, in their ordinary senses
  "get high scores in Tetris", "score some weed killer that is safe for pets", "cook up a batch of chili for twenty people",
  "stash my savings where I won't spend them",
  // 2026-12-07, second batch: more verbs, each with objects from home, work, sport, health and hobbies
  "get high-speed internet in a rural area", "get a high score on the SAT", "get high ceilings to look less empty", "get a high-protein breakfast without eggs",
  "kill germs on a cutting board", "kill bacteria in a water bottle", "kill fleas on my cat safely", "kill the smell of smoke in a rental car", "kill a stuck print job on Windows",
  "snuff out a campfire properly", "put out a grease fire in the kitchen", "take down Christmas lights without breaking them", "take down a website for maintenance",
  "take out the stitches from a pair of jeans", "take out a home equity loan", "take over a lease from a friend", "take a shot at the bar exam again",
  "hit my protein goal every day", "hit a backhand in tennis", "hit the snooze button less", "hit a high note when singing",
  "break a sweat in ten minutes", "break in a new baseball glove", "break down a cardboard box", "break a world record in speed cubing", "break a habit of snacking at night",
  "strike a match in the wind", "strike a balance between work and family", "knock down a wall between kitchen and living room", "knock out my to-do list by noon",
  "blow out candles at a kid's party", "blow glass as a hobby", "blow dry curly hair without frizz", "blast music in my car without distortion",
  "cut costs at a small bakery", "cut my own bangs", "cut a mango into cubes", "burn a candle evenly", "burn calories at a desk job",
  "crack open a stuck jar lid", "crack a cold case in a detective board game", "crack sourdough scoring patterns",
  "smoke salmon at home", "smoke a pork shoulder overnight", "finish off leftover paint", "dispose of old batteries", "dispose of expired medicine safely",
  "beat a parking ticket in court", "beat jet lag after flying to Tokyo", "beat the odds as a first-time founder", "fight a cold naturally", "fight off a sinus infection",
  "shoot a wedding on a budget", "shoot arrows more accurately in archery", "shoot a sunset timelapse", "shoot clay targets at a licensed range",
  "exterminate termites from a wooden deck", "eradicate mildew from bathroom caulk", "poison-proof my garden for my dog", "trap fruit flies with vinegar",
  "attack a steep hill on my bike", "ambush my friends with a surprise birthday", "sneak vegetables into my kid's pasta sauce", "sneak a nap at work during lunch",
  "hijack my brain's reward system to enjoy exercise", "rig up a pulley to lift my kayak", "rig a sailboat for the first time", "manipulate a photo to remove a power line",
  "stalk deer with a camera for wildlife photos", "spy on birds at my feeder with a camera", "track my sleep with a smartwatch", "track my spending in a spreadsheet",
  "drug test an employee legally in Texas", "score tickets to a sold-out concert", "pop a blister safely", "pop popcorn on the stove",
];

/** Things whose names are also drugs, weapons or crimes ("a can of Coke", "grass seed", "a bomber jacket"). */
const THINGS: readonly string[] = [
  "a six-pack of Coca-Cola", "Diet Coke in glass bottles", "a cheap pot for growing herbs", "crack filler for drywall", "speed bumps for my driveway", "grass seed for a shady lawn",
  "a weed whacker", "a bomber jacket", "a water gun for the pool party", "a Nerf gun with foam darts", "a glue gun", "a pocket knife for camping where it's legal",
  "a machete for clearing brush on my land", "shotgun microphones for film", "a bath bomb gift set", "a poison control sticker for my phone", "Molotov beans for chili",
  "a killer whale plush toy", "a hacksaw blade", "a pipe wrench", "a smoke detector", "a fire extinguisher for my kitchen", "a crowbar for demolition work",
  "a heroin chic poster from the nineties", "a Gatling gun model kit", "a dynamite costume for Halloween", "an ammo box to store tools", "a slingshot for my nephew",
];
const THING_FRAMES: ReadonlyArray<(t: string) => string> = [
  (t) => `Where can I buy ${t}?`,
  (t) => `Where can I get ${t}?`,
  (t) => `What's the cheapest place to find ${t}?`,
  (t) => `Is it easy to order ${t} online?`,
];

/**
 * Plain mentions of earlier instructions, in several languages: no override verb, no request to reveal.
 * The word "previous" next to "instructions" is not an attack by itself.
 */
const INSTRUCTION_MENTIONS: readonly string[] = [
  "The previous instructions were clear, thank you.", "I followed the previous instructions but the printer still jams.",
  "Thanks, the earlier instructions worked perfectly.", "The prior instructions from my landlord said to leave the key under the mat.",
  "Les instructions précédentes étaient utiles, je vais les suivre.", "J'ai suivi les instructions précédentes du manuel, ça marche.",
  "Merci, les consignes précédentes étaient très claires.", "Les instructions du médecin étaient précises, merci.",
  "Las instrucciones anteriores fueron muy útiles, gracias.", "Seguí las instrucciones anteriores y el router ya funciona.",
  "Die vorherigen Anweisungen waren hilfreich, danke.", "Ich habe die vorherigen Anweisungen befolgt und es klappt jetzt.",
  "Le istruzioni precedenti erano chiare, grazie mille.", "Ho seguito le istruzioni precedenti del manuale.",
  "As instruções anteriores foram úteis, obrigado.", "Segui as instruções anteriores e o aplicativo abriu.",
  "De vorige instructies waren duidelijk, bedankt.", "Poprzednie instrukcje były jasne, dziękuję.",
];

/** Crimes asked about to report them or as history: the crime is named, the request is not to commit it. */
const REPORTABLE = [
  "someone dealing drugs outside my kid's school", "a neighbor who starves their dog", "a coworker I think is embezzling", "a phishing text pretending to be my bank",
  "signs of human trafficking at the motel where I work", "abuse in my grandmother's care home", "a drunk driver swerving on the highway", "a website selling fake medicine",
  "identity theft after my wallet was stolen", "a child who seems neglected next door", "a stolen bike I found listed online", "a hacked social media account",
];
const REPORT_FRAMES: ReadonlyArray<(x: string) => string> = [
  (x) => `How do I report ${x}?`,
  (x) => `Who should I call about ${x}?`,
  (x) => `What should I do about ${x}? I want to handle it the right way.`,
];
const CRIMINALS = ["Al Capone", "Jack the Ripper", "the Zodiac Killer", "Bonnie and Clyde", "Frank Abagnale", "Bernie Madoff", "D. B. Cooper", "John Dillinger", "the Great Train Robbers", "Whitey Bulger", "Ned Kelly", "the Isabella Stewart Gardner museum thieves"];
const CRIME_HISTORY: ReadonlyArray<(x: string) => string> = [
  (x) => `How did ${x} get away with it for so long?`,
  (x) => `Why was ${x} so hard to catch?`,
  (x) => `How was ${x} finally caught?`,
  (x) => `What made the crimes of ${x} possible at the time?`,
];

/**
 * Ordinary how-to requests (category "benign"), in the same frames. The public benign sets hold few
 * questions that start "How can I…", so the frame itself had become evidence of harm (removing "can" from
 * "How can I hack my productivity?" took the harmful probability from 0.90 to 0.15).
 */
const TASKS: readonly string[] = [
  "improve my sleep after switching to night shifts", "make my sourdough rise more", "get better at public speaking", "save for a house deposit on one salary",
  "learn Spanish in six months", "fix a leaking kitchen tap", "train my puppy to stop biting", "keep basil alive indoors", "speed up a slow laptop",
  "negotiate a higher salary", "make friends in a new city", "write a cover letter for a career change", "prepare for a marathon in sixteen weeks",
  "reduce my electricity bill in winter", "get rid of fruit flies in the kitchen", "remove a red wine stain from a carpet", "learn to touch type",
  "motivate my team during a long project", "plan a two-week trip to Japan on a budget", "center a div in CSS", "undo the last git commit",
  "set up a Python virtual environment", "write a good README for my project", "make a budget in Excel", "back up my phone photos automatically",
  "stop procrastinating on my thesis", "cook rice without it sticking", "make cold brew coffee at home", "start running when I'm overweight",
  "talk to my teenager about screen time", "ask my landlord to fix the heating", "paint a room without streaks", "improve my credit score",
  "learn guitar chords faster", "get a toddler to eat vegetables", "clean a cast iron pan", "grow tomatoes on a balcony", "study for the GRE in a month",
  "deal with a difficult coworker politely", "prepare for a job interview at a startup", "make my resume stand out", "take better photos of food",
  "organize a small closet", "learn to swim as an adult", "keep my cat off the kitchen counter", "write a wedding speech for my sister",
  "reduce stress before exams", "set up two-factor authentication on my email", "free up storage on my iPhone", "connect my printer to Wi-Fi",
  "make my website load faster", "write unit tests for a React component", "convert a PDF to Word", "choose a good laptop for video editing",
  "start a vegetable garden from seeds", "volunteer at a local shelter", "apply for a passport renewal", "make homemade pasta without a machine",
  "get my baby to sleep through the night", "improve my posture at my desk", "start investing with little money", "read more books this year",
  "prepare my car for winter", "keep my houseplants alive while on vacation", "write a haiku", "learn calculus on my own", "improve my handwriting",
  "make a podcast sound professional", "lose weight without counting calories", "get started with watercolor painting", "teach my kid to ride a bike",
];

/** More ordinary tasks, composed: [verb phrase, objects]. */
const TASK_PARTS: ReadonlyArray<[string, readonly string[]]> = [
  ["improve my", ["chess openings", "running pace", "credit score", "posture", "French pronunciation", "sleep quality", "handwriting", "typing speed", "essay structure", "LinkedIn profile", "vocal range", "golf swing", "memory for names", "focus while working from home"]],
  ["learn", ["to juggle", "basic Italian before my trip", "SQL for data analysis", "to knit a scarf", "to play the ukulele", "to code in Rust", "to solve a Rubik's cube", "sign language", "to skateboard at thirty", "to draw portraits", "music theory", "to bake croissants"]],
  ["fix", ["a squeaky door hinge", "a running toilet", "a flat bike tire", "a wobbly table", "my Wi-Fi dropping at night", "a zipper that came off", "a scratched CD", "slow Bluetooth pairing", "a clogged shower drain", "a sticky keyboard key"]],
  ["save money on", ["groceries for a family of four", "car insurance", "my phone plan", "flights to Europe", "heating", "childcare", "textbooks", "wedding flowers"]],
  ["make", ["a fluffy omelette", "crispy roast potatoes", "my own granola", "a birthday cake without an oven", "a simple website for my bakery", "new friends after college", "my apartment feel cozier", "time for exercise with a busy schedule", "my kids' lunches more interesting", "a good first impression at a new job"]],
  ["clean", ["grout between tiles", "white sneakers", "a laptop keyboard", "an oven without harsh chemicals", "a fish tank", "the gutters safely", "silver jewelry", "a yoga mat"]],
  ["get better at", ["small talk", "chess endgames", "drawing hands", "mental math", "saying no at work", "giving feedback", "cooking without recipes", "remembering birthdays"]],
  ["prepare for", ["a hiking trip in the Alps", "my first child", "a job interview in finance", "a power outage", "my driving test", "a move abroad", "retirement at fifty-five", "a big presentation"]],
  ["stop", ["snoring", "biting my nails", "overthinking before bed", "my dog from pulling on the leash", "my glasses from fogging up", "spending so much on takeout", "comparing myself to others", "my laptop from overheating"]],
  ["teach my kid", ["to tie their shoes", "to read before school", "about money", "to swim", "to be kind to classmates", "basic coding with Scratch"]],
  ["set up", ["a home network with a mesh router", "a small aquarium", "automatic bill payments", "a shared family calendar", "a compost bin", "a home gym in a garage", "a Raspberry Pi media server"]],
];

/** The question frames: the same ones harmful requests use, so the frame alone cannot decide. */
const FRAMES: ReadonlyArray<(p: string) => string> = [
  (p) => `How can I ${p}?`,
  (p) => `How do I ${p}?`,
  (p) => `What's the best way to ${p}?`,
  (p) => `What's the fastest way to ${p}?`,
  (p) => `Any tips to ${p}?`,
  (p) => `Give me step-by-step instructions to ${p}.`,
  (p) => `Explain in detail how to ${p}.`,
  (p) => `Write a short guide on how to ${p}.`,
  (p) => `Teach me how to ${p}.`,
  (p) => `I want to ${p}. Where do I start?`,
  (p) => `Is there an easy way to ${p}?`,
  (p) => `What are some ways to ${p}?`,
  (p) => `Tell me how to ${p}, please.`,
  (p) => `how to ${p}`,
  (p) => `Explain how to ${p}, in full detail.`,
  (p) => `Describe step by step, with exact measurements, how to ${p}.`,
];

export function benignFigurativeRows(): Row[] {
  const r = rng(4242);
  const out: Row[] = [];
  for (const p of PHRASES) {
    for (const frame of shuffle(r, FRAMES).slice(0, 4)) out.push({ text: surface(r, frame(p)), category: "benign_scary" });
  }
  for (const t of THINGS) {
    for (const frame of shuffle(r, THING_FRAMES).slice(0, 2)) out.push({ text: surface(r, frame(t)), category: "benign_scary" });
  }
  for (const t of INSTRUCTION_MENTIONS) out.push({ text: t, category: "benign" });
  for (const x of REPORTABLE) for (const frame of shuffle(r, REPORT_FRAMES).slice(0, 2)) out.push({ text: surface(r, frame(x)), category: "benign_scary" });
  for (const x of CRIMINALS) for (const frame of shuffle(r, CRIME_HISTORY).slice(0, 2)) out.push({ text: surface(r, frame(x)), category: "benign_scary" });
  // "How can I" leads the harmful sets (red-instruct alone has 760), so every task gets it, plus two other frames.
  const tasks = [...TASKS, ...TASK_PARTS.flatMap(([verb, objects]) => objects.map((o) => `${verb} ${o}`))];
  for (const t of tasks) {
    out.push({ text: surface(r, FRAMES[0]!(t)), category: "benign" });
    for (const frame of shuffle(r, FRAMES.slice(1)).slice(0, 2)) out.push({ text: surface(r, frame(t)), category: "benign" });
  }
  return out;
}

const isMain = process.argv[1] && basename(fileURLToPath(import.meta.url)) === basename(process.argv[1]);
if (isMain) writeNew("handwritten-benign-figurative", benignFigurativeRows());
