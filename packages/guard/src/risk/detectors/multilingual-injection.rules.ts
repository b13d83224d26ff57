import { WS, type AnyLexiconRule } from "./lexicon.ts";

/**
 * Instruction overrides in other languages ("ignore previous instructions" as attackers write it in
 * Spanish, French, German, Italian, Portuguese, Dutch, Polish, Turkish, Indonesian, Vietnamese, Russian,
 * Ukrainian, Chinese, Japanese, Korean, Arabic and Hindi). Rules run on folded text (normalize.ts), so Latin
 * scripts are matched without accents ("précédentes" → "precedentes", "önceki" → "onceki"). Like the
 * English rules, a verb alone does not count: it needs an "earlier/all/your" qualifier and an
 * "instructions/rules" noun.
 */
export const LATIN_SCRIPT_INJECTION_RULES: readonly AnyLexiconRule[] = [
  {
    // es: "ignora todas las instrucciones anteriores", "olvida tus reglas previas"
    label: "instruction override (es)",
    starts: ["ignora", "ignore", "ignorar", "olvida", "olvide", "olvidar", "omite", "descarta", "descarte"],
    rest: String.raw`${WS}(?:(?:todas|todos|las|los|la|el|tus|sus|tu|su|cualquier|cualquiera${WS}de${WS}las)${WS}){0,3}(?:instrucciones|indicaciones|reglas|ordenes|directrices|normas|instruccion|indicacion|regla|orden|directriz|norma|pautas)${WS}(?:anteriores|previas|iniciales|originales|anterior|previa|inicial|original|del${WS}sistema|(?:fijadas|dadas|puestas|establecidas)${WS}por${WS}(?:el|los)${WS}(?:desarrollador|desarrolladores|operador|creador|creadores|administrador))\b`,
  },
  { label: "instruction override (es)", starts: ["ignora", "ignore", "olvida", "olvide"], rest: String.raw`${WS}(?:todo${WS})?lo${WS}(?:anterior|que${WS}te${WS}(?:dije|dijeron|han${WS}dicho))\b` },
  {
    // fr: "ignore toutes les instructions précédentes", "oubliez vos consignes"
    label: "instruction override (fr)",
    starts: ["ignore", "ignorez", "ignorer", "oublie", "oubliez", "oublier"],
    rest: String.raw`${WS}(?:(?:(?:toutes|tous|toute)${WS})?(?:les|tes|vos|des|la|ta|votre)${WS})?(?:instructions|consignes|regles|directives|ordres|instruction|consigne|regle|directive)${WS}(?:precedentes|anterieures|initiales|originales|precedente|anterieure|initiale|du${WS}systeme|donnees|(?:fixees|donnees|etablies|imposees|definies)${WS}par${WS}(?:le|les|l')${WS}?(?:developpeur|developpeurs|operateur|createur|createurs|administrateur|entreprise))\b`,
  },
  { label: "instruction override (fr)", starts: ["oublie", "oubliez", "ignore", "ignorez"], rest: String.raw`${WS}(?:tes|vos)${WS}(?:instructions|consignes|regles)\b` },
  { label: "instruction override (fr)", starts: ["ignore", "ignorez", "oublie", "oubliez"], rest: String.raw`${WS}tout${WS}ce${WS}qui${WS}(?:precede|a${WS}ete${WS}dit)\b` },
  { label: "instruction override (fr)", starts: ["ignore", "ignorez", "oublie", "oubliez"], rest: String.raw`${WS}(?:ton|votre)${WS}(?:role|personnage)${WS}(?:initial|actuel|d'origine)\b` },
  { label: "instruction override (fr)", starts: ["ne tiens plus compte", "ne tenez plus compte"], rest: String.raw`${WS}(?:des|de${WS}tes|de${WS}vos)${WS}(?:consignes|instructions|regles)\b` },
  {
    // fr: "ignore les consignes qu'on t'a données", "oubliez les règles que vous avez reçues": the instructions
    // named by who gave them rather than by when.
    label: "instruction override (fr)",
    starts: ["ignore", "ignorez", "ignorer", "oublie", "oubliez", "oublier"],
    rest: String.raw`${WS}(?:(?:toutes|tous)${WS})?(?:les|tes|vos)${WS}(?:instructions|consignes|regles|directives|ordres)${WS}(?:qu'on${WS}(?:t'a|vous${WS}a)${WS}(?:donnees|donne|fixees|imposees)|que${WS}(?:tu${WS}as|vous${WS}avez)${WS}recues?|que${WS}l'on${WS}(?:t'a|vous${WS}a)${WS}donnees|qui${WS}(?:t'ont|vous${WS}ont)${WS}ete${WS}(?:donnees|fixees|imposees))\b`,
  },
  {
    // es: "ignora las instrucciones que te dieron", pt: "esqueça as regras que te deram", it: "ignora le
    // istruzioni che ti hanno dato": the instructions named by who gave them.
    label: "instruction override (es, pt, it)",
    starts: ["ignora", "ignore", "ignorar", "olvida", "olvide", "descarta", "esqueca", "esquece", "desconsidere", "dimentica", "ignorare"],
    rest: String.raw`${WS}(?:(?:todas|tutte)${WS})?(?:las|tus|as|suas|tuas|le|tue)${WS}(?:instrucciones|indicaciones|reglas|instrucoes|regras|orientacoes|istruzioni|regole|indicazioni)${WS}(?:que${WS}(?:te|le|lhe|se${WS}te)${WS}(?:dieron|dio|han${WS}dado|deram|deu|foram${WS}dadas)|que${WS}(?:recibiste|recebeu|recebeste)|che${WS}ti${WS}(?:hanno${WS}dato|sono${WS}state${WS}date|ha${WS}dato))\b`,
  },
  {
    // de: "ignoriere die Anweisungen, die du bekommen hast", "vergiss die Regeln, die man dir gegeben hat".
    label: "instruction override (de)",
    starts: ["ignoriere", "ignorieren", "vergiss", "vergessen", "missachte"],
    rest: String.raw`${WS}(?:(?:alle|die|deine)${WS}){1,2}(?:anweisungen|instruktionen|regeln|vorgaben|befehle),?${WS}die${WS}(?:du|man${WS}dir|sie|man${WS}ihnen|dir)${WS}(?:(?:vorher|bisher|zuvor)${WS})?(?:bekommen|erhalten|gegeben|gesagt)\b`,
  },
  {
    // de: "ignoriere alle vorherigen Anweisungen", "vergiss deine Regeln"
    label: "instruction override (de)",
    starts: ["ignoriere", "ignorieren", "ignoriert", "vergiss", "vergessen", "vergesst", "missachte", "missachten"],
    rest: String.raw`${WS}(?:(?:alle|die|samtliche|sie)${WS}){0,2}(?:deine|ihre|eure|bisherigen|vorherigen|vorigen|obigen|fruheren|vorangegangenen|vorhergehenden|ursprunglichen)${WS}(?:(?:bisherigen|vorherigen|obigen)${WS})?(?:anweisungen|instruktionen|befehle|regeln|vorgaben|anordnungen)\b`,
  },
  {
    // de: "Ignoriere die Vorgaben des Betreibers", "vergiss die Regeln des Entwicklers".
    label: "instruction override (de)",
    starts: ["ignoriere", "ignorieren", "ignoriert", "vergiss", "vergessen", "missachte"],
    rest: String.raw`${WS}(?:(?:alle|die)${WS})?(?:anweisungen|instruktionen|regeln|vorgaben|richtlinien)${WS}(?:des|deines|ihres|der)${WS}(?:betreibers|entwicklers|entwickler|erstellers|administrators|unternehmens|firma|systems)\b`,
  },
  { label: "instruction override (de)", starts: ["ignoriere", "ignorieren", "vergiss", "vergessen"], rest: String.raw`${WS}alles,?${WS}(?:bisherige|vorherige|obige|davor|was${WS}(?:man${WS})?(?:dir|ihnen)${WS}(?:(?:vorher|bisher|zuvor|davor)${WS})?gesagt)\b` },
  {
    // it: "ignora tutte le istruzioni precedenti"
    label: "instruction override (it)",
    starts: ["ignora", "ignorare", "ignorate", "dimentica", "dimenticare", "dimenticate"],
    rest: String.raw`${WS}(?:(?:tutte|le|tue|sue|vostre)${WS}){0,3}(?:istruzioni|indicazioni|regole|direttive)${WS}(?:precedenti|iniziali|originali|di${WS}sistema|del${WS}sistema)\b`,
  },
  {
    // pt: "ignore todas as instruções anteriores", "esqueça suas regras"
    label: "instruction override (pt)",
    starts: ["ignore", "ignora", "ignorar", "esqueca", "esquece", "esquecer", "desconsidere", "desconsidera"],
    rest: String.raw`${WS}(?:(?:todas|todos|as|os|suas|tuas|seus)${WS}){0,3}(?:instrucoes|regras|orientacoes|ordens|diretrizes)${WS}(?:anteriores|previas|iniciais|originais|do${WS}sistema)\b`,
  },
  {
    // nl: "negeer alle vorige instructies"
    label: "instruction override (nl)",
    starts: ["negeer", "vergeet", "negeren"],
    // also "vergeet alles wat je eerder is verteld"

    rest: String.raw`${WS}(?:(?:(?:alle|de|je|jouw|uw)${WS}){0,2}(?:eerdere|vorige|voorgaande|bovenstaande|oorspronkelijke|je|jouw)${WS}(?:instructies|regels|opdrachten|aanwijzingen)|alles${WS}wat${WS}(?:je|u)${WS}(?:eerder|tot${WS}nu${WS}toe))\b`,
  },
  {
    // pl: "zignoruj wszystkie poprzednie instrukcje"
    label: "instruction override (pl)",
    starts: ["zignoruj", "ignoruj", "zapomnij", "zignorujcie"],
    rest: String.raw`${WS}(?:(?:o${WS})?(?:wszystkie|wszystkich|poprzednie|poprzednich|wczesniejsze|wczesniejszych|swoje|twoje|swoich|twoich)${WS}){1,3}(?:instrukcje|instrukcjach|polecenia|poleceniach|zasady|zasadach|reguly)\b`,
  },
  {
    // tr: "önceki tüm talimatları yok say"
    label: "instruction override (tr)",
    starts: ["onceki", "yukaridaki", "tum"],
    rest: String.raw`${WS}(?:(?:tum|butun)${WS})?(?:talimatlari|talimatlarini|komutlari|kurallari|talimatlar)${WS}(?:yok${WS}say|gormezden${WS}gel|unut|dikkate${WS}alma)`,
  },
  {
    // id/ms: "abaikan semua instruksi sebelumnya"
    label: "instruction override (id)",
    starts: ["abaikan", "lupakan"],
    rest: String.raw`${WS}(?:(?:semua|seluruh)${WS})?(?:instruksi|perintah|arahan|aturan)${WS}(?:sebelumnya|sebelum${WS}ini|di${WS}atas)\b`,
  },
  {
    // vi: "bỏ qua tất cả các hướng dẫn trước đó"
    label: "instruction override (vi)",
    starts: ["bo qua", "phot lo", "quen"],
    rest: String.raw`${WS}(?:(?:tat${WS}ca|cac|moi|nhung|het)${WS}){0,3}(?:huong${WS}dan|chi${WS}dan|lenh|quy${WS}tac|chi${WS}thi)\b`,
  },
];

/**
 * Rules for scripts without Latin letters. They cannot join the first-word trie (it indexes ASCII words), and
 * as raw alternatives of the shared locator they would be tried at every position of every text, so they
 * form a lexicon of their own that the scorer runs only on text with non-ASCII characters.
 */
export const OTHER_SCRIPT_INJECTION_RULES: readonly AnyLexiconRule[] = [
  {
    label: "instruction override (ru)",
    pattern: String.raw`(?:проигнорируй|игнорируй|игнорируйте|забудь|забудьте|не\s{1,3}обращай\s{1,3}внимания\s{1,3}на)\s{1,4}(?:(?:все|всё|свои|твои|ваши|данные|полученные)\s{1,4}){0,2}(?:(?:предыдущие|прежние|предшествующие|ранее\s{1,3}данные|системные|изначальные)\s{1,4})?(?:инструкции|указания|команды|правила|установки)`,
  },
  {
    label: "instruction override (uk)",
    pattern: String.raw`(?:ігноруй|проігноруй|забудь)\s{1,4}(?:(?:всі|усі|свої|попередні)\s{1,4}){1,2}(?:інструкції|вказівки|правила|команди)`,
  },
  {
    label: "instruction override (zh)",
    pattern: String.raw`(?:忽略|无视|無視|忘记|忘記|忘掉|不要理会|不要理會|忽视|忽視|跳过|跳過)(?:掉)?(?:你)?(?:之前|以前|上面|上述|先前|前面|所有|全部|你的|一切|原有|原来|原來|系统)(?:的)?(?:所有|全部)?(?:的)?(?:指令|指示|说明|說明|规则|規則|提示|命令|设定|設定|要求)`,
  },
  {
    label: "instruction override (ja)",
    pattern: String.raw`(?:以前|前|上記|これまで|先|最初|元|システム)の(?:すべての|全ての|全部の)?(?:指示|命令|ルール|指令|プロンプト|設定)(?:を|は)(?:すべて|全て)?(?:無視|忘れ)`,
  },
  {
    label: "instruction override (ko)",
    pattern: String.raw`(?:이전|앞의|위의|모든|기존)\s{0,2}(?:모든\s{0,2})?(?:지시|지침|명령|규칙|지시사항|프롬프트)(?:사항)?(?:을|를|은|는)?\s{0,2}(?:모두\s{0,2})?(?:무시|잊어)`,
  },
  {
    label: "instruction override (ar)",
    pattern: String.raw`(?:تجاهل|انس|إنس)\s{1,4}(?:(?:جميع|كل)\s{1,4})?(?:التعليمات|الأوامر|الاوامر|التوجيهات|القواعد)(?:\s{1,4}(?:السابقة|الأصلية))?`,
  },
  {
    label: "instruction override (hi)",
    pattern: String.raw`(?:पिछले|पिछली|पहले\s{1,4}के|सभी)\s{1,4}(?:सभी\s{1,4})?(?:निर्देशों|निर्देश|आदेशों|नियमों)\s{1,4}(?:को\s{1,4})?(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल)`,
  },
];

