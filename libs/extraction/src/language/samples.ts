// A small labelled set of news openings (a title, or a title and the first
// sentence or two), written for this project, to choose and check the language
// detector on the kind of text the coder receives. English ones crowded with
// foreign names and places are here on purpose: they are what a detector
// trained on running prose gets wrong, and a miss there loses an article.

export interface LanguageSample {
  /** ISO 639-1 code of the text's language. */
  language: string;
  text: string;
}

const en = (text: string): LanguageSample => ({ language: 'en', text });

const ENGLISH: LanguageSample[] = [
  en('Ministers agree to resume talks on border security'),
  en(
    'Government announces new sanctions on steel imports\nThe finance ministry said on Tuesday that the measures would take effect next month.',
  ),
  en(
    'Protesters gather outside parliament as budget vote nears\nThousands of people marched through the capital on Saturday, calling on lawmakers to reject the spending cuts.',
  ),
  en(
    'UN Security Council fails to agree on ceasefire resolution\nA draft text calling for an immediate halt to the fighting was vetoed on Friday after two days of negotiations.',
  ),
  en(
    'Opposition leader arrested hours before election rally\nPolice detained the candidate at his home early on Sunday, his lawyer told reporters.',
  ),
  en(
    'Talks between the two countries collapsed on Wednesday, officials said, after neither side would give ground on the disputed water rights.',
  ),
  en(
    'Heavy rain forces evacuation of coastal towns\nEmergency services moved more than 2,000 residents to shelters overnight.',
  ),
  en(
    'Central bank raises interest rates for third time this year\nThe bank said inflation remained too high and further increases could not be ruled out.',
  ),
  en(
    'The foreign minister will travel to the region next week to meet leaders of the three neighbouring states, a spokesman said.',
  ),
  en('Aid convoy reaches besieged city for first time in months'),
  en(
    'Court rejects appeal by former president over corruption verdict\nThe judges upheld a five-year sentence handed down last year.',
  ),
  en('Rebels say they will not attend peace conference unless prisoners are freed'),
  en(
    'Zarif meets Lavrov in Moscow as Tehran seeks backing on nuclear deal\nIranian Foreign Minister Mohammad Javad Zarif held talks with Sergei Lavrov on Monday.',
  ),
  en(
    "Erdogan accuses Stockholm of harbouring PKK militants\nRecep Tayyip Erdogan said Ankara would not approve Sweden's bid while Kurdish groups operate freely.",
  ),
  en(
    'Al-Kadhimi visits Tehran, meets Raisi and Khamenei\nIraqi Prime Minister Mustafa al-Kadhimi arrived in Tehran on Sunday for talks with Ebrahim Raisi.',
  ),
  en('Xi Jinping and Wang Yi host Sheikh Mohammed bin Zayed Al Nahyan in Beijing'),
  en('Abu Mahdi al-Muhandis and Qassem Soleimani killed in strike near Baghdad airport'),
  en(
    'Lula and Bolsonaro trade accusations in Sao Paulo debate\nLuiz Inacio Lula da Silva accused Jair Bolsonaro of neglecting the Amazon.',
  ),
  en('Kyiv says Shoigu and Gerasimov ordered strikes on Zaporizhzhia and Kharkiv'),
  en('Hezbollah chief Hassan Nasrallah warns Tel Aviv over Litani river incursions'),
  en(
    'Modi and Albanese sign trade pact in New Delhi\nNarendra Modi and Anthony Albanese agreed to cut tariffs on Monday.',
  ),
  en('Ouattara, Tinubu and Akufo-Addo meet in Abuja on Niger junta'),
  en('Al-Sudani, Barzani discuss Erbil-Baghdad oil dispute'),
  en(
    'Tshisekedi accuses Kagame of backing M23 rebels in North Kivu\nFelix Tshisekedi said Rwanda was sending troops to Goma.',
  ),
  en('Kim Jong Un inspects Hwasong launch at Sohae, KCNA says'),
  en('Nguyen Phu Trong receives Lee Hsien Loong in Hanoi'),
  en('Abiy Ahmed, Isaias Afwerki and Hassan Sheikh Mohamud meet in Asmara'),
  en('Sinwar and Haniyeh named in Doha talks with Qatari mediators'),
];

const fr: LanguageSample[] = [
  { language: 'fr', text: "Le gouvernement annonce de nouvelles sanctions contre les importations d'acier" },
  {
    language: 'fr',
    text: 'Les ministres reprennent les négociations sur la sécurité des frontières\nLes deux délégations se sont retrouvées mardi à Genève pour une nouvelle série de discussions.',
  },
  {
    language: 'fr',
    text: 'Des milliers de manifestants ont défilé samedi dans la capitale pour réclamer la démission du Premier ministre.',
  },
  {
    language: 'fr',
    text: "Le chef de l'opposition arrêté à quelques heures d'un meeting électoral\nLa police l'a interpellé à son domicile dimanche matin, selon son avocat.",
  },
  { language: 'fr', text: "Macron reçoit Tebboune à l'Élysée pour apaiser les tensions entre Paris et Alger" },
  {
    language: 'fr',
    text: "La banque centrale relève ses taux pour la troisième fois cette année, estimant que l'inflation reste trop élevée.",
  },
];

const de: LanguageSample[] = [
  { language: 'de', text: 'Regierung kündigt neue Sanktionen gegen Stahlimporte an' },
  {
    language: 'de',
    text: 'Außenminister nehmen Gespräche über Grenzsicherheit wieder auf\nDie Delegationen trafen sich am Dienstag in Wien zu einer neuen Verhandlungsrunde.',
  },
  {
    language: 'de',
    text: 'Tausende Menschen demonstrierten am Samstag vor dem Parlament gegen die geplanten Kürzungen im Haushalt.',
  },
  { language: 'de', text: 'Scholz und Macron einigen sich in Berlin auf gemeinsame Position zur Ukraine-Hilfe' },
  {
    language: 'de',
    text: 'Oppositionsführer kurz vor Wahlkampfauftritt festgenommen\nDie Polizei nahm den Kandidaten am frühen Sonntagmorgen in seiner Wohnung fest, teilte sein Anwalt mit.',
  },
  {
    language: 'de',
    text: 'Die Zentralbank erhöht den Leitzins zum dritten Mal in diesem Jahr, weil die Inflation weiterhin zu hoch sei.',
  },
];

const es: LanguageSample[] = [
  { language: 'es', text: 'El Gobierno anuncia nuevas sanciones contra las importaciones de acero' },
  {
    language: 'es',
    text: 'Los ministros reanudan las conversaciones sobre la seguridad fronteriza\nLas delegaciones se reunieron el martes en Bogotá para una nueva ronda de negociaciones.',
  },
  {
    language: 'es',
    text: 'Miles de personas marcharon el sábado por el centro de la capital para exigir la renuncia del presidente.',
  },
  { language: 'es', text: 'Petro y Maduro acuerdan reabrir la frontera entre Colombia y Venezuela' },
  {
    language: 'es',
    text: 'Detienen al líder opositor horas antes de un mitin electoral\nLa policía lo arrestó en su casa la madrugada del domingo, según su abogado.',
  },
  {
    language: 'es',
    text: 'El banco central sube los tipos de interés por tercera vez este año ante una inflación que no cede.',
  },
];

const it: LanguageSample[] = [
  { language: 'it', text: 'Il governo annuncia nuove sanzioni sulle importazioni di acciaio' },
  {
    language: 'it',
    text: 'I ministri riprendono i colloqui sulla sicurezza dei confini\nLe delegazioni si sono incontrate martedì a Roma per un nuovo round di negoziati.',
  },
  {
    language: 'it',
    text: 'Migliaia di persone hanno manifestato sabato davanti al parlamento contro i tagli al bilancio.',
  },
  { language: 'it', text: 'Meloni incontra Erdogan a Istanbul per discutere dei flussi migratori nel Mediterraneo' },
  { language: 'it', text: "Arrestato il leader dell'opposizione poche ore prima del comizio elettorale" },
  {
    language: 'it',
    text: "La banca centrale alza i tassi per la terza volta quest'anno, secondo cui l'inflazione resta troppo alta.",
  },
];

const pt: LanguageSample[] = [
  { language: 'pt', text: 'Governo anuncia novas sanções contra importações de aço' },
  {
    language: 'pt',
    text: 'Ministros retomam negociações sobre segurança na fronteira\nAs delegações reuniram-se na terça-feira em Brasília para uma nova rodada de conversas.',
  },
  {
    language: 'pt',
    text: 'Milhares de pessoas protestaram no sábado em frente ao Congresso contra os cortes no orçamento.',
  },
  {
    language: 'pt',
    text: 'Lula recebe Milei no Palácio do Planalto para discutir o acordo entre Mercosul e União Europeia',
  },
  { language: 'pt', text: 'Líder da oposição é preso horas antes de comício eleitoral' },
  {
    language: 'pt',
    text: 'O banco central eleva os juros pela terceira vez neste ano, afirmando que a inflação continua alta demais.',
  },
];

const nl: LanguageSample[] = [
  { language: 'nl', text: 'Regering kondigt nieuwe sancties aan tegen de invoer van staal' },
  {
    language: 'nl',
    text: 'Ministers hervatten gesprekken over grensbewaking\nDe delegaties kwamen dinsdag in Den Haag bijeen voor een nieuwe onderhandelingsronde.',
  },
  {
    language: 'nl',
    text: 'Duizenden mensen demonstreerden zaterdag voor het parlement tegen de geplande bezuinigingen.',
  },
  { language: 'nl', text: 'Oppositieleider opgepakt vlak voor verkiezingsbijeenkomst' },
  {
    language: 'nl',
    text: 'De centrale bank verhoogt de rente voor de derde keer dit jaar omdat de inflatie te hoog blijft.',
  },
];

const ru: LanguageSample[] = [
  { language: 'ru', text: 'Правительство объявило о новых санкциях против импорта стали' },
  {
    language: 'ru',
    text: 'Министры возобновили переговоры о безопасности границы\nДелегации встретились во вторник в Минске для нового раунда переговоров.',
  },
  {
    language: 'ru',
    text: 'Тысячи человек вышли в субботу на митинг у здания парламента, требуя отставки правительства.',
  },
  { language: 'ru', text: 'Лавров и Ван И обсудили в Пекине ситуацию на Корейском полуострове' },
  { language: 'ru', text: 'Центральный банк в третий раз за год повысил ключевую ставку.' },
];

const uk: LanguageSample[] = [
  { language: 'uk', text: 'Уряд оголосив нові санкції проти імпорту сталі' },
  {
    language: 'uk',
    text: 'Міністри відновили переговори щодо безпеки кордону\nДелегації зустрілися у вівторок у Києві для нового раунду переговорів.',
  },
  { language: 'uk', text: 'Тисячі людей вийшли в суботу на мітинг біля Верховної Ради, вимагаючи відставки уряду.' },
  { language: 'uk', text: 'Зеленський зустрівся з Дудою у Варшаві, щоб обговорити постачання зброї' },
];

const pl: LanguageSample[] = [
  { language: 'pl', text: 'Rząd ogłasza nowe sankcje na import stali' },
  {
    language: 'pl',
    text: 'Ministrowie wznawiają rozmowy o bezpieczeństwie granicy\nDelegacje spotkały się we wtorek w Warszawie na kolejnej rundzie negocjacji.',
  },
  { language: 'pl', text: 'Tysiące ludzi protestowało w sobotę przed Sejmem przeciwko cięciom budżetowym.' },
  { language: 'pl', text: 'Przywódca opozycji zatrzymany na kilka godzin przed wiecem wyborczym' },
];

const tr: LanguageSample[] = [
  { language: 'tr', text: 'Hükümet çelik ithalatına yeni yaptırımlar açıkladı' },
  {
    language: 'tr',
    text: "Bakanlar sınır güvenliği görüşmelerine yeniden başladı\nHeyetler salı günü Ankara'da yeni bir müzakere turu için bir araya geldi.",
  },
  { language: 'tr', text: 'Binlerce kişi cumartesi günü meclis önünde bütçe kesintilerini protesto etti.' },
  { language: 'tr', text: "Erdoğan, Aliyev ile Bakü'de enerji anlaşması imzaladı" },
  { language: 'tr', text: 'Merkez bankası faiz oranlarını bu yıl üçüncü kez artırdı.' },
];

const ar: LanguageSample[] = [
  { language: 'ar', text: 'الحكومة تعلن عقوبات جديدة على واردات الصلب' },
  {
    language: 'ar',
    text: 'الوزراء يستأنفون المحادثات بشأن أمن الحدود\nاجتمع الوفدان يوم الثلاثاء في بغداد لجولة جديدة من المفاوضات.',
  },
  { language: 'ar', text: 'تظاهر آلاف الأشخاص يوم السبت أمام البرلمان مطالبين باستقالة الحكومة.' },
  { language: 'ar', text: 'الكاظمي يزور طهران ويلتقي رئيسي وخامنئي' },
  { language: 'ar', text: 'البنك المركزي يرفع أسعار الفائدة للمرة الثالثة هذا العام.' },
];

const fa: LanguageSample[] = [
  { language: 'fa', text: 'دولت تحریم‌های تازه‌ای علیه واردات فولاد اعلام کرد' },
  {
    language: 'fa',
    text: 'وزیران گفت‌وگوها درباره امنیت مرزها را از سر گرفتند\nهیئت‌ها روز سه‌شنبه در تهران برای دور تازه‌ای از مذاکرات دیدار کردند.',
  },
  { language: 'fa', text: 'هزاران نفر روز شنبه در برابر مجلس تجمع کردند و خواستار استعفای دولت شدند.' },
  { language: 'fa', text: 'ظریف با لاوروف در مسکو درباره برجام گفت‌وگو کرد' },
];

const he: LanguageSample[] = [
  { language: 'he', text: 'הממשלה הודיעה על סנקציות חדשות על יבוא פלדה' },
  { language: 'he', text: 'אלפי מפגינים צעדו במוצאי שבת מול הכנסת בדרישה להתפטרות הממשלה.' },
  { language: 'he', text: 'השרים חידשו את השיחות על ביטחון הגבול\nהמשלחות נפגשו ביום שלישי בירושלים לסבב שיחות נוסף.' },
];

const zh: LanguageSample[] = [
  { language: 'zh', text: '政府宣布对钢铁进口实施新的制裁' },
  { language: 'zh', text: '两国部长恢复边境安全谈判\n两国代表团周二在北京举行新一轮磋商。' },
  { language: 'zh', text: '数千人周六在议会大楼前举行抗议，要求政府辞职。' },
  { language: 'zh', text: '习近平在北京会见到访的巴西总统卢拉' },
];

const ja: LanguageSample[] = [
  { language: 'ja', text: '政府が鉄鋼輸入に対する新たな制裁を発表' },
  { language: 'ja', text: '両国の外相が国境警備に関する協議を再開\n代表団は火曜日、東京で新たな交渉を行った。' },
  { language: 'ja', text: '土曜日、数千人が国会前に集まり、内閣の退陣を求めた。' },
];

const id: LanguageSample[] = [
  { language: 'id', text: 'Pemerintah umumkan sanksi baru terhadap impor baja' },
  {
    language: 'id',
    text: 'Para menteri melanjutkan perundingan soal keamanan perbatasan\nKedua delegasi bertemu pada hari Selasa di Jakarta untuk putaran baru negosiasi.',
  },
  {
    language: 'id',
    text: 'Ribuan orang berunjuk rasa di depan gedung parlemen pada hari Sabtu menuntut pemerintah mundur.',
  },
  { language: 'id', text: 'Jokowi bertemu Anwar Ibrahim di Istana Bogor membahas perbatasan' },
];

const sw: LanguageSample[] = [
  { language: 'sw', text: 'Serikali yatangaza vikwazo vipya dhidi ya uagizaji wa chuma' },
  { language: 'sw', text: 'Maelfu ya watu waliandamana Jumamosi mbele ya bunge wakitaka serikali ijiuzulu.' },
  {
    language: 'sw',
    text: 'Mawaziri waanza tena mazungumzo kuhusu usalama wa mpaka\nWajumbe walikutana Jumanne mjini Nairobi kwa duru mpya ya majadiliano.',
  },
];

const hi: LanguageSample[] = [
  { language: 'hi', text: 'सरकार ने इस्पात आयात पर नए प्रतिबंधों की घोषणा की' },
  { language: 'hi', text: 'हजारों लोगों ने शनिवार को संसद के बाहर प्रदर्शन किया और सरकार के इस्तीफे की मांग की।' },
  {
    language: 'hi',
    text: 'दोनों देशों के मंत्रियों ने सीमा सुरक्षा पर बातचीत फिर से शुरू की\nप्रतिनिधिमंडल मंगलवार को नई दिल्ली में मिले।',
  },
];

/** English first, then the other languages. */
export const LANGUAGE_SAMPLES: readonly LanguageSample[] = [
  ...ENGLISH,
  ...fr,
  ...de,
  ...es,
  ...it,
  ...pt,
  ...nl,
  ...ru,
  ...uk,
  ...pl,
  ...tr,
  ...ar,
  ...fa,
  ...he,
  ...zh,
  ...ja,
  ...id,
  ...sw,
  ...hi,
];
