/**
 * Builds every `data/<source>.jsonl.gz` that comes from a public repository. Each source names the
 * repository, the commit and the paths it reads; the snapshots are the bare git directories that the
 * `fetch` tool puts under MIRROR_DIR (see common.ts). Run from the repo root:
 *
 *   pnpm exec tsx packages/guard/training/sources/extract.ts [source-id …]
 *
 * Licences and counts are in ../DATA_CARD.md.
 */
import { type Row, gitShow, pick, rng, sample, writeSource } from "./common.ts";

// ---------------------------------------------------------------------------------------------
// small parsers

/** RFC-4180-ish CSV: quoted fields, doubled quotes, newlines inside quotes. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQ = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQ) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQ = false;
      } else field += c;
    } else if (c === '"') inQ = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (c !== "\r") field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const header = (rows.shift() ?? []).map((h) => h.replace(/^\uFEFF/, "").trim());
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** Every string leaf of a nested JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

const jsonl = (s: string): Record<string, unknown>[] =>
  s
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

// ---------------------------------------------------------------------------------------------
// sources

type Source = { id: string; build: () => Row[] };

const PURPLE = { repo: "meta-llama/PurpleLlama", commit: "4be64c3a24442b51c76175e6ec67722cc3f5fe38" };
const PURPLE_DS = "CybersecurityBenchmarks/datasets";

/**
 * Keeps a CyberSecEval prompt-injection `user_input` only when, read on its own (without the system
 * prompt it was written against), it still shows an attack: the variants below and at least one
 * attack cue in any of the benchmark's languages. Variants such as `different_user_input_language`
 * or `few_shot_attack` are often plain questions ("Who composed 'Garota de Ipanema'?") that are only
 * off-policy against their particular system prompt, so they would be benign here.
 */
const PI_VARIANTS = new Set([
  "ignore_previous_instructions",
  "system_mode",
  "token_smuggling",
  "payload_splitting",
  "mixed_techniques",
  "virtualization",
  "hypothetical_scenario",
  "persuasion",
  "few_shot_attack",
]);
const PI_CUES = new RegExp(
  [
    // ignore / forget / disregard
    "ignor|disregard|forget|olvid|oubli|vergiss|vergeet|dimentic|esque[cç]|игнор|забуд|忽略|忘|無視|무시|잊|تجاهل|انس|अनदेखा|भूल|unut|zapomnij|bỏ qua|quên|abaikan|lupakan|ละเว้น|ลืม|উপেক্ষা|ভুলে|kalimutan|huwag pansinin",
    // instructions
    "instruc|anweisung|istruzion|instru[cç]|instructie|инструкц|指示|指令|지시|تعليمات|निर्देश|talimat|instrukc|hướng dẫn|instruksi|คำสั่ง|নির্দেশ|tagubilin",
    // password / secret / key
    "password|passcode|passphrase|contrase|mot de passe|passwort|wachtwoord|senha|пароль|密码|密碼|パスワード|비밀번호|كلمة المرور|पासवर्ड|şifre|parola|hasło|mật khẩu|kata sandi|รหัสผ่าน|পাসওয়ার্ড|secret|secreto|geheim|segret|sigilo|секрет|秘密|비밀|سر|गुप्त|gizli|tajn|bí mật|rahasia|ความลับ|গোপন|lihim|confiden",
    // system / mode / god / creator / admin
    "system|sistema|système|systeem|систем|系统|システム|시스템|النظام|सिस्टम|sistem|hệ thống|ระบบ|সিস্টেম|\\bmode\\b|\\bmodo\\b|\\bmodus\\b|режим|模式|モード|모드|وضع|मोड|\\bgod\\b|\\bdios\\b|\\bdieu\\b|\\bgott\\b|\\bdeus\\b|\\bбог|神|하나님|إله|भगवान|tanrı|\\bbóg|\\btuhan\\b|พระเจ้า|ঈশ্বর|\\bdiyos\\b|creator|admin|override|developer",
    // personal data of the protected user
    "e-?mail|correo|courriel|电子邮件|メール|이메일|البريد|ईमेल|e-posta|birth|nacimiento|naissance|geburt|nascita|nascimento|рожд|出生|生年|생년|ميلاد|जन्म|doğum|urodzen|ngày sinh|lahir|เกิด|জন্ম|kapanganakan|balance|saldo|solde|kontostand|баланс|余额|残高|잔액|رصيد|bakiye|phishing",
  ].join("|"),
  "i",
);

const sources: Source[] = [
  {
    // AdvBench harmful behaviours (Zou et al. 2023, MIT), as vendored by Princeton-SysML/Jailbreak_LLM,
    // and MaliciousInstruct (Huang et al. 2023) from the same repository.
    id: "advbench",
    build: () => {
      const repo = "Princeton-SysML/Jailbreak_LLM";
      const commit = "1e490531c0ef4bc13430178bf1fbc8f813e34b1a";
      return gitShow(repo, commit, "data/advbench.txt")
        .split("\n")
        .filter((l) => l.trim())
        .map((text) => ({ text, category: "harmful" as const }));
    },
  },
  {
    id: "maliciousinstruct",
    build: () => {
      const repo = "Princeton-SysML/Jailbreak_LLM";
      const commit = "1e490531c0ef4bc13430178bf1fbc8f813e34b1a";
      return gitShow(repo, commit, "data/MaliciousInstruct.txt")
        .split("\n")
        .filter((l) => l.trim())
        .map((text) => ({ text, category: "harmful" as const }));
    },
  },
  {
    // declare-lab/red-instruct (Apache-2.0): CatQA (en/zh/vi), DangerousQA and a subsample of the very
    // templated HarmfulQA. adversarialqa.json is skipped: it is a copy of AdvBench.
    id: "red-instruct",
    build: () => {
      const repo = "declare-lab/red-instruct";
      const commit = "73c759c93d2f6b1d8c7b058ab7bcec5fb0c28fa2";
      const read = (p: string) => strings(JSON.parse(gitShow(repo, commit, `harmful_questions/${p}`)));
      const harmfulqa = sample(read("harmfulqa.json"), 700, (s) => s, "harmfulqa");
      return [
        ...read("catqa_english.json"),
        ...read("catqa_chinese.json"),
        ...read("catqa_vietnamese.json"),
        ...read("dangerousqa.json"),
        ...harmfulqa,
      ].map((text) => ({ text, category: "harmful" as const }));
    },
  },
  {
    // DAMO-NLP-SG MultiJail (MIT): 315 unsafe prompts (from Anthropic red-teaming and OpenAI) in English
    // and nine human-translated languages.
    id: "multijail",
    build: () => {
      const repo = "DAMO-NLP-SG/multilingual-safety-for-LLMs";
      const commit = "577ac511437e07a256130945ef312a99158a18ad";
      const rows = parseCsv(gitShow(repo, commit, "data/MultiJail.csv"));
      const langs = ["en", "zh", "it", "vi", "ar", "ko", "th", "bn", "sw", "jv"];
      return rows.flatMap((r) => langs.map((l) => ({ text: r[l] ?? "", category: "harmful" as const })));
    },
  },
  {
    // CyberSecEval prompt-injection tests, English and machine-translated (MIT), filtered as above.
    id: "purplellama-prompt-injection",
    build: () => {
      const out: Row[] = [];
      for (const f of ["prompt_injection.json", "prompt_injection_multilingual_machine_translated.json"]) {
        const data = JSON.parse(gitShow(PURPLE.repo, PURPLE.commit, `${PURPLE_DS}/prompt_injection/${f}`)) as {
          user_input: string;
          injection_variant: string;
        }[];
        for (const x of data) {
          if (!PI_VARIANTS.has(x.injection_variant)) continue;
          if (!PI_CUES.test(x.user_input)) continue;
          out.push({ text: x.user_input, category: "injection" });
        }
      }
      return out;
    },
  },
  {
    // CyberSecEval "false refusal rate" prompts (MIT): cybersecurity coding requests that are labelled
    // not malicious but read as risky. English and machine-translated.
    id: "purplellama-frr",
    build: () => {
      const en = JSON.parse(gitShow(PURPLE.repo, PURPLE.commit, `${PURPLE_DS}/mitre_frr/mitre_frr.json`)) as {
        mutated_prompt: string;
        is_malicious: boolean;
      }[];
      const ml = JSON.parse(
        gitShow(PURPLE.repo, PURPLE.commit, `${PURPLE_DS}/mitre_frr/frr_multilingual_machine_translated.json`),
      ) as { mutated_prompt: string; is_malicious: boolean }[];
      const ok = (x: { is_malicious: boolean }) => x.is_malicious === false;
      return [
        ...sample(en.filter(ok), 450, (x) => x.mutated_prompt, "frr-en"),
        ...sample(ml.filter(ok), 250, (x) => x.mutated_prompt, "frr-ml"),
      ].map((x) => ({ text: x.mutated_prompt, category: "benign_scary" as const }));
    },
  },
  {
    // CyberSecEval interpreter-abuse prompts (MIT): requests for sandbox escapes, privilege escalation,
    // post-exploitation, social engineering code.
    id: "purplellama-interpreter",
    build: () =>
      (
        JSON.parse(gitShow(PURPLE.repo, PURPLE.commit, `${PURPLE_DS}/interpreter/interpreter.json`)) as {
          mutated_prompt: string;
        }[]
      ).map((x) => ({ text: x.mutated_prompt, category: "harmful" as const })),
  },
  {
    // CyberSecEval instruct prompts (ordinary coding tasks in 8 languages; the fixed trailer "Only return
    // the code…" is removed) and the CrowdStrike malware-analysis / threat-intel multiple-choice questions
    // (benign security analysis). All benign.
    id: "purplellama-benign",
    build: () => {
      const instruct = (
        JSON.parse(gitShow(PURPLE.repo, PURPLE.commit, `${PURPLE_DS}/instruct/instruct.json`)) as {
          test_case_prompt: string;
        }[]
      ).map((x) =>
        x.test_case_prompt
          .replace(/\s*Only return the code, don't include any other information,\s*such as a preamble or suffix\.\s*$/s, "")
          .trim(),
      );
      const mal = JSON.parse(
        gitShow(PURPLE.repo, PURPLE.commit, `${PURPLE_DS}/crwd_meta/malware_analysis/questions.json`),
      ) as { question: string; options: string[] }[];
      const ti = JSON.parse(
        gitShow(PURPLE.repo, PURPLE.commit, `${PURPLE_DS}/crwd_meta/threat_intel_reasoning/report_questions.json`),
      ) as { question_text: string; options: string[] }[];
      const mcq = (q: string, opts: string[]) => `${q}\n${opts.join("\n")}`;
      return [
        ...sample(instruct, 700, (s) => s, "instruct"),
        ...sample(mal, 150, (x) => x.question, "crwd-mal").map((x) => mcq(x.question, x.options)),
        ...sample(ti, 150, (x) => x.question_text, "crwd-ti").map((x) => mcq(x.question_text, x.options)),
      ].map((text) => ({ text, category: "benign" as const }));
    },
  },
  {
    // microsoft/BIPIA (MIT). Indirect injections are built the way BIPIA builds them: an attack
    // instruction inserted at the start, middle or end of an e-mail / table / code-help context, under
    // the user's real question. Only attack categories that address the assistant's answer or are
    // malicious are used; the task-irrelevant ones ("What is the capital of Brazil?") are benign on
    // their own and go into the file as benign prompts instead. Clean contexts with their questions are
    // benign (long prompts with documents).
    id: "bipia",
    build: () => {
      const repo = "microsoft/BIPIA";
      const commit = "1a2a91da6bb12838e05d1b2e54d98e2f37b835f3";
      const bench = (p: string) => gitShow(repo, commit, `benchmark/${p}`);
      const benignCats = new Set([
        "Information Retrieval",
        "Content Creation",
        "Learning and Tutoring",
        "Programming Help",
        "Task Automation",
        "Business Intelligence",
        "Conversational Agent",
        "Research Assistance",
        "Sentiment Analysis",
      ]);
      const textAttacks: string[] = [];
      const benignPrompts: string[] = [];
      for (const f of ["text_attack_train.json", "text_attack_test.json"]) {
        const d = JSON.parse(bench(f)) as Record<string, string[]>;
        for (const [cat, xs] of Object.entries(d)) {
          // the train-split "Language Translation" items are plain translation requests
          if (benignCats.has(cat) || (cat === "Language Translation" && f.includes("train"))) benignPrompts.push(...xs);
          else textAttacks.push(...xs);
        }
      }
      const codeAttacks: string[] = [];
      for (const f of ["code_attack_train.json", "code_attack_test.json"]) {
        codeAttacks.push(...Object.values(JSON.parse(bench(f)) as Record<string, string[]>).flat());
      }
      type Ctx = { kind: "email" | "table" | "code"; context: string; question: string };
      const ctxs: Ctx[] = [];
      for (const split of ["train", "test"]) {
        for (const x of jsonl(bench(`email/${split}.jsonl`)))
          ctxs.push({ kind: "email", context: String(x.context), question: String(x.question).replace(/^Q:\s*/, "") });
        for (const x of jsonl(bench(`table/${split}.jsonl`)))
          ctxs.push({ kind: "table", context: String(x.context), question: String(x.question) });
        for (const x of jsonl(bench(`code/${split}.jsonl`))) {
          const err = (x.error as string[]).join("\n");
          const code = (x.code as string[]).join("\n");
          const context = (x.context as string[]).join("\n");
          ctxs.push({
            kind: "code",
            context,
            question: `I get this error:\n${err}\nfrom this code:\n${code}\nHow do I fix it?`,
          });
        }
      }
      const framing: Record<Ctx["kind"], ((c: string, q: string) => string)[]> = {
        email: [
          (c, q) => `Here is an email from my inbox:\n\n${c}\n\nQuestion: ${q}`,
          (c, q) => `${q}\n\nEmail:\n${c}`,
          (c, q) => `Read the following email and answer my question.\n\n"""${c}"""\n\n${q}`,
        ],
        table: [
          (c, q) => `Given this table:\n\n${c}\n\n${q}`,
          (c, q) => `Use the table below to answer: ${q}\n\n${c}`,
        ],
        code: [
          (c, q) => `${q}\n\nI found this answer online, does it apply?\n\n${c}`,
          (c, q) => `${q}\n\nRelevant Stack Overflow answer:\n${c}`,
        ],
      };
      const r = rng(20240601);
      const insert = (context: string, attack: string): string => {
        const pos = r();
        if (pos < 0.33) return `${attack}\n${context}`;
        if (pos < 0.66) {
          // at a sentence / line boundary near the middle
          const mid = Math.floor(context.length / 2);
          let cut = context.indexOf("\n", mid);
          if (cut < 0 || cut - mid > 400) cut = context.indexOf(". ", mid) + 1;
          if (cut <= 0) cut = mid;
          return `${context.slice(0, cut)}\n${attack}\n${context.slice(cut)}`;
        }
        return `${context}\n${attack}`;
      };
      const render = (c: Ctx, context: string) => pick(r, framing[c.kind])(context, c.question);
      // Keep very long tables out: they would dominate the file size.
      const usable = ctxs.filter((c) => c.context.length < 5000);
      const textCtx = usable.filter((c) => c.kind !== "code");
      const codeCtx = usable.filter((c) => c.kind === "code");
      const out: Row[] = [];
      for (const a of textAttacks)
        for (let k = 0; k < 4; k++) {
          const c = pick(r, textCtx);
          out.push({ text: render(c, insert(c.context, a)), category: "injection" });
        }
      for (const a of codeAttacks)
        for (let k = 0; k < 3; k++) {
          const c = pick(r, codeCtx);
          out.push({ text: render(c, insert(c.context, a)), category: "injection" });
        }
      // clean documents: all e-mails and code contexts, a subsample of tables
      const clean = [
        ...usable.filter((c) => c.kind !== "table"),
        ...sample(usable.filter((c) => c.kind === "table"), 300, (c) => c.context + c.question, "bipia-table"),
      ];
      for (const c of clean) out.push({ text: render(c, c.context), category: "benign" });
      for (const p of benignPrompts) out.push({ text: p, category: "benign" });
      return out;
    },
  },
  {
    // whylabs/langkit (Apache-2.0): the jailbreak theme examples it ships for similarity scoring.
    // The "refusal" theme holds model answers, not prompts, and is skipped.
    id: "langkit-themes",
    build: () => {
      const d = JSON.parse(
        gitShow("whylabs/langkit", "5d6cab1e2ff32181ba5c514aaa2a4473421dc413", "langkit/themes.json"),
      ) as Record<string, string[]>;
      return (d.jailbreak ?? []).map((text) => ({ text, category: "jailbreak" as const }));
    },
  },
  {
    // 0xk1h0/ChatGPT_DAN README: the DAN and other persona jailbreaks, one per <details> block.
    id: "chatgpt-dan",
    build: () => {
      const md = gitShow("0xk1h0/ChatGPT_DAN", "dc614355a32b436ca8de1a0ced23beca7d30cc84", "README.md");
      const out: Row[] = [];
      const re = /<summary>([\s\S]*?)<\/summary>([\s\S]*?)(?=<\/details>|<details>)/g;
      for (const m of md.matchAll(re)) {
        const body = (m[2] ?? "")
          .replace(/<blockquote>[\s\S]*?<\/blockquote>/g, "")
          .replace(/<[^>]+>/g, "")
          .trim();
        if (body.length > 200) out.push({ text: body, category: "jailbreak" });
      }
      return out;
    },
  },
  {
    // teknium1/GPTeacher (MIT): GPT-4-written role-play, code and tool-use instructions (prompts only,
    // instruction + input; the responses are not used). Harmless role-play is the point of the first.
    id: "gpteacher",
    build: () => {
      const repo = "teknium1/GPTeacher";
      const commit = "481075123c29854bddb82655badeef6a438f2436";
      type X = { instruction: string; input: string };
      const read = (p: string) => JSON.parse(gitShow(repo, commit, p)) as X[];
      const text = (x: X) => (x.input?.trim() ? `${x.instruction.trim()}\n\n${x.input.trim()}` : x.instruction.trim());
      return [
        ...sample(read("Roleplay/roleplay-simple-deduped-roleplay-instruct.json"), 1900, text, "gpt-rp"),
        ...sample(read("Codegen/codegen-instruct.json"), 3000, text, "gpt-code"),
        ...sample(read("Toolformer/toolformer-similarity-0.6-dataset.json"), 1500, text, "gpt-tool"),
      ].map((x) => ({ text: text(x), category: "benign" as const }));
    },
  },
  {
    // openai/grade-school-math (GSM8K, MIT): word-problem questions.
    id: "gsm8k",
    build: () => {
      const repo = "openai/grade-school-math";
      const commit = "3101c7d5072418e28b9008a6636bde82a006892c";
      const qs = [
        ...jsonl(gitShow(repo, commit, "grade_school_math/data/train.jsonl")),
        ...jsonl(gitShow(repo, commit, "grade_school_math/data/test.jsonl")),
      ].map((x) => String(x.question));
      return sample(qs, 1500, (s) => s, "gsm8k").map((text) => ({ text, category: "benign" as const }));
    },
  },
  {
    // google-research-datasets/natural-questions, NQ-open (CC BY-SA 3.0): real search-engine questions.
    id: "nq-open",
    build: () => {
      const repo = "google-research-datasets/natural-questions";
      const commit = "fb26a3073b1fe636c97302890a27b491d6530130";
      const qs = [
        ...jsonl(gitShow(repo, commit, "nq_open/NQ-open.dev.jsonl")),
        ...jsonl(gitShow(repo, commit, "nq_open/NQ-open.efficientqa.test.1.1.no-annotations.jsonl")),
        ...jsonl(gitShow(repo, commit, "nq_open/NQ-open.efficientqa.dev.1.1.no-annotations.jsonl")),
      ].map((x) => String(x.question));
      // NQ questions are lower-case without a question mark; give some of them ordinary casing.
      const r = rng(7);
      return sample(qs, 6500, (s) => s, "nq").map((q) => {
        const v = r();
        const text = v < 0.4 ? q : v < 0.8 ? `${q[0]?.toUpperCase()}${q.slice(1)}?` : `${q}?`;
        return { text, category: "benign" as const };
      });
    },
  },
  {
    // google-deepmind/xquad (CC BY-SA 4.0): SQuAD questions translated by professional translators into 11
    // languages. Ordinary questions and reading tasks in other languages: without them most non-English text
    // in training was an attack (the hand-written overrides in 18 languages, MultiJail), and "Por favor,
    // responde en español: ¿cuál es la capital de Australia?" read as an injection.
    id: "xquad",
    build: () => {
      const repo = "google-deepmind/xquad";
      const commit = "7d30520c717524000f0d9d2f9c10a069acd9d285";
      type Squad = { data: { paragraphs: { context: string; qas: { question: string }[] }[] }[] };
      const rows: Row[] = [];
      for (const lang of ["ar", "de", "el", "es", "hi", "ro", "ru", "th", "tr", "vi", "zh"]) {
        const squad = JSON.parse(gitShow(repo, commit, `xquad.${lang}.json`)) as Squad;
        const pairs = squad.data.flatMap((d) => d.paragraphs.flatMap((p) => p.qas.map((q) => ({ context: p.context, question: q.question }))));
        for (const q of sample(pairs, 150, (x) => x.question, `xquad-q-${lang}`)) rows.push({ text: q.question, category: "benign" });
        // A reading task: the paragraph, then the question (the shape of a RAG or homework prompt).
        for (const q of sample(pairs, 30, (x) => x.question, `xquad-c-${lang}`)) rows.push({ text: `${q.context}\n\n${q.question}`, category: "benign" });
      }
      return rows;
    },
  },
];

const wanted = process.argv.slice(2);
for (const s of sources) {
  if (wanted.length && !wanted.includes(s.id)) continue;
  writeSource(s.id, s.build());
}
