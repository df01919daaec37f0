/*
 * demo.c — the deterministic demo world (sc_demo_generate, see scout.h and
 * "Demo world" in DESIGN.md).
 *
 * It invents researchers with careers (a PhD, a first job, a few moves),
 * lets them write papers year by year with their advisors, group mates and
 * collaborators, and writes those papers in the real source formats
 * (paperlists JSON, DBLP XML) together with the ground truth: who each
 * authorship really is, where each person really was, which moves really
 * happened. Everything later stages get wrong can then be measured. The same
 * generator scaled up to ~3.5M people is the DBLP-size benchmark, so it
 * streams: papers are written as they are generated, one year at a time, and
 * per-person state is a fixed-size struct.
 *
 * What it writes (OUT = out_dir):
 *   OUT/sources/VENUE/VENUEYYYY.json  paperlists, as the real corpus names them
 *   OUT/sources/dblp/dblp.xml, dblp.dtd   with write_dblp
 *   OUT/truth/people.jsonl    each person: names used, career, internships,
 *                             dual affiliations, homonyms, advisor
 *   OUT/truth/moves.jsonl     each true move inside the range
 *   OUT/truth/authorships.tsv who each (paper, position) really is and where
 *   OUT/truth/orgs.jsonl      each organisation with every string written for it
 *
 * Determinism: one seeded xoshiro256** stream (never rand(), never the
 * clock), integer arithmetic for every probability (no floating point at
 * all), no locale-dependent formatting (numbers are formatted by hand),
 * fixed iteration orders. The same seed and options give byte-identical
 * files on every run and machine. Which formats are written does not change
 * any random draw. The one helper thread only writes buffers out, in order.
 *
 * Scale (3.5M people, 7M papers, 26M authorships, ~9 GB): people are
 * numbered in order of PhD start, so a year visits only the people alive in
 * it; co-authors come from per-year (topic, organisation) buckets; strings
 * the hot loop repeats (escaped aliases, lower-cased words) are made once;
 * records are appended into pre-reserved buffers without per-byte checks;
 * full buffers go to a writer thread so the kernel copy and the disk
 * overlap with generation. Memory is ~200 bytes per person.
 *
 * The traps, each recorded in the truth files:
 *   homonyms       distinct people with the same canonical name (planned ~1.5%
 *                  of people copy an earlier name, so ~3% are in a homonym
 *                  group; at very large sizes the finite name pools add more);
 *   name variants  initials, dropped/added middle initials, hyphenation of
 *                  Chinese/Korean given names, dropped second surnames,
 *                  accents dropped;
 *   internships    one paper with a company during a PhD, then back: not a move;
 *   dual           "Stanford University and Google": the first is the primary;
 *   messy strings  every alias of demo_orgs.c, chosen per person and paper;
 *   missing data   empty affiliations, e-mail domains on ~60% of authorships,
 *                  some gmail.com/163.com domains that carry no signal.
 */
#include "scout.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "demo/demo_orgs.h"
#include "util/util.h"

/* ======================================================================
 * Random numbers: splitmix64 to seed, xoshiro256** to draw.
 * ====================================================================== */

typedef struct {
    uint64_t s[4];
} rng_t;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void rng_seed(rng_t *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {
        seed += 0x9E3779B97F4A7C15ull;
        r->s[i] = mix64(seed);
    }
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t rng_next(rng_t *r)
{
    uint64_t *s = r->s;
    uint64_t res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return res;
}

/* Uniform in [0, n) for n < 2^32 (multiply-shift; the bias is < 2^-32). */
static inline uint32_t rng_below(rng_t *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pm/1000. */
static inline int rng_pm(rng_t *r, unsigned pm) { return rng_below(r, 1000) < pm; }

/* A stable hash of small integers, for per-person habits that must not
 * consume draws from the stream (preferred alias, e-mail domain, ...). */
static inline uint64_t hash3(uint64_t seed, uint64_t a, uint64_t b)
{
    return mix64(seed ^ mix64(a * 0x9E3779B97F4A7C15ull + b + 0x632BE59BD9B4E019ull));
}

/* Pick an index from integer weights (sum > 0). */
static unsigned pick_weighted(rng_t *r, const unsigned *w, unsigned n, unsigned total)
{
    uint32_t x = rng_below(r, total);
    for (unsigned i = 0; i < n; i++) {
        if (x < w[i]) return i;
        x -= w[i];
    }
    return n - 1;
}

/* ======================================================================
 * Names. Pools per culture; a person's name is a few indices into them, and
 * every string form of it is rebuilt on demand (3.5M people keep ~10 bytes
 * of name each). Pool sizes are chosen so that up to a few hundred thousand
 * people get distinct names; beyond that homonyms appear naturally, as in
 * the real DBLP.
 * ====================================================================== */

enum { C_CHINESE, C_WESTERN, C_INDIAN, C_KOREAN, C_JAPANESE, C_HISPANIC, C_OTHER, C_N };

static const char *const chn_sur[] = {
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
    "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song",
    "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan",
    "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen",
    "Yao", "Jin", "Fang", "Shi", "Tan", "Liao", "Zou", "Xiong", "Qiu", "Qin", "Jia", "Hou",
    "Meng", "Bai", "Mao", "Hao", "Kong", "Fu", "Yan", "Xue", "Lei", "Long", "Duan", "Qian",
    "Tao", "Wen", "Fan", "Dai", "Gu", "Mo", "Kang", "Yin", "Chang", "Niu", "Hong", "Lai"};
static const char *const chn_syl[] = {
    "Wei", "Jun", "Hao", "Yu", "Xin", "Jie", "Lei", "Tao", "Ming", "Hua", "Jian", "Yang",
    "Bo", "Chen", "Feng", "Hui", "Jing", "Kai", "Lin", "Ling", "Long", "Min", "Ning", "Peng",
    "Qiang", "Qing", "Rui", "Shan", "Sheng", "Song", "Ting", "Wen", "Xia", "Xiang", "Xiao",
    "Xu", "Yan", "Yi", "Ying", "Yong", "Yuan", "Yun", "Zhe", "Zhen", "Zheng", "Zhi", "Zhong",
    "Zi", "An", "Bin", "Cheng", "Chao", "Dong", "Fang", "Fei", "Gang", "Guang", "Hong", "Jia",
    "Jin", "Kun", "Li", "Liang", "Mei", "Nan", "Pei", "Qi", "Ran", "Shu", "Si", "Tian", "Xi",
    "Xue", "Ya", "Yao", "Ye", "Yin", "Ze", "Hang", "Heng", "Han", "Huan", "Lu", "Meng", "Nuo",
    "Qian", "Shuo", "Teng", "Wu", "Xuan", "Yue", "Zhan", "Zhao", "Zhu", "Chun", "Dan", "Di",
    "Guo", "Hai", "Jiao", "Kang", "Lan", "Mu", "Ou", "Pu", "Quan", "Rong", "Tong", "Wan",
    "Xing", "Yuxi", "Zhuo", "Ai", "Bao", "Biao", "Can", "Cong", "Cui", "Dao", "En", "Ge",
    "Geng", "Gui", "Ji", "Jiang", "Jue", "Kuo", "Lang", "Le", "Lian", "Luo", "Man", "Miao",
    "Nian", "Ping", "Qiao", "Qin", "Qiu", "Ren", "Ru", "Sen", "Shao", "Shen", "Shi", "Shuang",
    "Tan", "Tang", "Xian", "Xiong", "Xun", "You", "Zeng", "Zhuang", "Zong", "Zuo", "Kuan",
    "Hao", "Ruo", "Sui", "Wang", "Jiu", "Dian", "Gong", "Huai", "Ming", "Chuan", "Zhen"};
static const char *const kor_sur[] = {
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
    "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Jeon", "Ko", "Moon", "Yang",
    "Son", "Bae", "Baek", "Heo", "Nam", "Shim"};
static const char *const kor_syl[] = {
    "Min", "Jun", "Seo", "Ji", "Hyun", "Woo", "Young", "Soo", "Jin", "Ho", "Jae", "Sung",
    "Hee", "Eun", "Yeon", "Dong", "Sang", "Kyung", "Hye", "Joon", "Tae", "Won", "Ha", "Yoon",
    "Chan", "Gyu", "Seung", "Hoon", "Myung", "Yong", "Jong", "Kwang", "Su", "Da", "Na", "In",
    "Bin", "Byung", "Chul", "Doo", "Geon", "Gun", "Hak", "Hwan", "Il", "Jeong", "Kyu", "Mi",
    "Nam", "Ok", "Rim", "Sik", "Suk", "Uk", "Yeong", "Hyuk", "Ah", "Bo", "Chang", "Dae", "Eui",
    "Gi", "Hae", "Hyo", "Ja", "Joo", "Kee", "Kook", "Mun", "Ryun", "Se", "Sol", "Taek", "Ye",
    "Yu", "Yul"};
static const char *const west_first[] = {
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
    "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Paul", "Andrew", "Joshua",
    "Kevin", "Brian", "George", "Timothy", "Ryan", "Jacob", "Gary", "Nicholas", "Eric",
    "Jonathan", "Stephen", "Justin", "Scott", "Benjamin", "Samuel", "Gregory", "Alexander",
    "Patrick", "Jack", "Dennis", "Peter", "Adam", "Nathan", "Zachary", "Kyle", "Noah", "Ethan",
    "Jeremy", "Christian", "Sean", "Aaron", "Jordan", "Oliver", "Harry", "Charlie", "Lucas",
    "Simon", "Martin", "Philip", "Tobias", "Felix", "Maximilian", "Sebastian", "Florian",
    "Stefan", "Matthias", "Markus", "Bernhard", "Wolfgang", "J\xc3\xbcrgen", "J\xc3\xb6rg",
    "Dieter", "Klaus", "Ulrich", "Bj\xc3\xb6rn", "S\xc3\xb8ren", "Lars", "Anders", "Nils",
    "Mikael", "Henrik", "Pierre", "Fran\xc3\xa7ois", "J\xc3\xa9r\xc3\xb4me", "Andr\xc3\xa9",
    "Ren\xc3\xa9", "Ga\xc3\xabl", "Jo\xc3\xabl", "Lo\xc3\xaf" "c", "Julien", "Guillaume",
    "Nicolas", "Olivier", "Antoine", "Mathieu", "Vincent", "Marco", "Luca", "Giovanni",
    "Alessandro", "Francesco", "Matteo", "Lorenzo", "Stefano", "Nando", "Pieter", "Jan",
    "Joost", "Sander", "Bram", "Koen", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth",
    "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa", "Nancy", "Sandra", "Emily",
    "Michelle", "Amanda", "Melissa", "Stephanie", "Rebecca", "Laura", "Emma", "Olivia", "Sophie",
    "Charlotte", "Hannah", "Chelsea", "Rachel", "Katherine", "Julia", "Anna", "Claire", "Alice",
    "Helen", "Grace", "Chloe", "Lucy", "Ellen", "Jane", "Kate", "Leslie", "Lauren", "Megan",
    "H\xc3\xa9l\xc3\xa8ne", "Am\xc3\xa9lie", "Zo\xc3\xab", "C\xc3\xa9line", "Camille", "Margaux",
    "Katrin", "Sabine", "Ute", "Birgit", "Ingrid", "Astrid", "Giulia", "Francesca", "Chiara",
    "Elisa", "Martina", "Ilse", "Anouk", "Femke", "Sanne", "Finn", "Hugo", "Leo", "Max", "Theo",
    "Jonas", "Elias", "Moritz", "Fabian", "Dominik", "Tim", "Tom", "Ben", "Sam", "Alex"};
static const char *const west_last[] = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark",
    "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green",
    "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips",
    "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook",
    "Rogers", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Cox",
    "Ward", "Richardson", "Watson", "Brooks", "Wood", "James", "Bennett", "Gray", "Hughes",
    "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry",
    "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes", "Fisher",
    "Graham", "Wallace", "Hamilton", "Ellis", "Marshall", "Owens", "Gibson", "Palmer", "Hunt",
    "Black", "Stone", "Hawkins", "Dunn", "Hart", "Knight", "Lane", "Fox", "Warren", "Mills",
    "Burke", "Walsh", "O'Brien", "O'Connor", "McDonald", "MacKay", "Fraser", "Murray", "Doyle",
    "M\xc3\xbcller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Sch\xc3\xa4" "fer", "Koch", "Richter", "Klein", "Wolf",
    "Schr\xc3\xb6" "der", "Neumann", "Schwarz", "Zimmermann", "Braun", "Kr\xc3\xbcger",
    "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "K\xc3\xb6hler", "Maier",
    "J\xc3\xa4ger", "Wei\xc3\x9f", "B\xc3\xb6hm", "Vogel", "Friedrich", "Keller", "G\xc3\xbcnther",
    "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht",
    "Dubois", "Durand", "Lefebvre", "Lef\xc3\xa8vre", "Moreau", "Laurent", "Simon", "Michel",
    "Garnier", "Rousseau", "Fontaine", "Chevalier", "Girard", "Bonnet", "Dupont", "Lambert",
    "Faure", "Mercier", "Blanchard", "Gu\xc3\xa9rin", "Boyer", "Gauthier", "Perrin", "Robin",
    "Cl\xc3\xa9ment", "Morel", "Henry", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
    "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca",
    "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "de Freitas",
    "van der Maaten", "van den Berg", "de Vries", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "von Luxburg", "von Neumann", "Le Roux", "Le Cun", "Van Gool", "Andersson", "Johansson",
    "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Hansen", "Jensen", "Nielsen", "Pedersen", "Christensen", "S\xc3\xb8rensen",
    "Rasmussen", "J\xc3\xb8rgensen", "Berg", "Haugen", "Virtanen", "M\xc3\xa4kinen",
    "Nieminen", "H\xc3\xa4m\xc3\xa4l\xc3\xa4inen"};
/* Generated surnames (prefix + suffix) widen the western pool: 40 x 24. */
static const char *const west_pre[] = {
    "Ash", "Black", "Brad", "Chester", "Ells", "Fair", "Gold", "Hart", "Kings", "Lang",
    "Marsh", "Nor", "Pem", "Red", "Stan", "Thorn", "Wood", "Wes", "Whit", "Went", "Berg",
    "Eisen", "Gr\xc3\xbcn", "Hoff", "Kirch", "Lind", "Ros", "Stein", "Wald", "Wein", "Alt",
    "Bren", "Dal", "Eck", "Falk", "Holm", "Mar", "Sand", "Tal", "Win"};
static const char *const west_suf[] = {
    "ford", "ley", "ton", "wood", "well", "man", "mann", "berg", "stein", "field", "by",
    "worth", "ham", "stead", "er", "hardt", "feld", "str\xc3\xb6m", "qvist", "sen", "dorf",
    "bach", "hurst", "more"};
static const char *const ind_first[] = {
    "Aditya", "Abhishek", "Akshay", "Amit", "Anand", "Ankit", "Anil", "Arjun", "Arun", "Ashish",
    "Deepak", "Gaurav", "Harsh", "Karthik", "Kunal", "Manish", "Mohit", "Naveen", "Nikhil",
    "Nitin", "Pankaj", "Pranav", "Prateek", "Rahul", "Raj", "Rajesh", "Rakesh", "Ravi", "Rohit",
    "Sachin", "Sandeep", "Sanjay", "Saurabh", "Shubham", "Siddharth", "Sumit", "Suresh", "Varun",
    "Vikram", "Vinay", "Vivek", "Yash", "Aishwarya", "Ananya", "Anjali", "Deepika", "Divya",
    "Kavya", "Meera", "Neha", "Pooja", "Priya", "Riya", "Shreya", "Sneha", "Swati", "Tanvi",
    "Aarti", "Bhavna", "Ishita", "Lakshmi", "Nandini", "Radhika", "Sakshi", "Shruti", "Sunita",
    "Vidya", "Harini", "Keerthi", "Madhav", "Prakash", "Ramesh", "Srinivas", "Venkat",
    "Aravind", "Balaji", "Ganesh", "Gopal", "Hari", "Jayant", "Kiran", "Mahesh", "Murali",
    "Naresh", "Prasad", "Raghav", "Sai", "Shankar", "Srikanth", "Sudhir", "Tarun", "Uday",
    "Vijay", "Yogesh", "Abhinav", "Akash", "Aman", "Ayush", "Dhruv", "Ishaan", "Kabir", "Rohan",
    "Sahil", "Tejas", "Vishal", "Anirudh", "Chirag", "Devansh", "Hemant", "Kartik"};
static const char *const ind_last[] = {
    "Sharma", "Gupta", "Singh", "Kumar", "Patel", "Agarwal", "Jain", "Mehta", "Shah", "Reddy",
    "Rao", "Iyer", "Nair", "Menon", "Pillai", "Krishnan", "Subramanian", "Raman", "Srinivasan",
    "Chandra", "Banerjee", "Chatterjee", "Mukherjee", "Das", "Ghosh", "Bose", "Sen", "Dutta",
    "Roy", "Chakraborty", "Mishra", "Tiwari", "Pandey", "Dubey", "Verma", "Yadav", "Joshi",
    "Kulkarni", "Deshpande", "Patil", "Desai", "Kapoor", "Malhotra", "Khanna", "Bhatia",
    "Arora", "Saxena", "Srivastava", "Bansal", "Goyal", "Mittal", "Garg", "Chauhan", "Thakur",
    "Rathore", "Naidu", "Venkatesan", "Raghavan", "Narayanan", "Ramachandran",
    "Balasubramanian", "Sundaram", "Varma", "Bhattacharya", "Sarkar", "Biswas", "Saha", "Pal",
    "Mondal", "Kaur", "Gill", "Sethi", "Ahuja", "Chopra", "Trivedi", "Bhatt", "Vyas", "Parikh",
    "Dave", "Hegde", "Shetty", "Kamath", "Prabhu", "Gowda", "Murthy", "Sastry"};
static const char *const jpn_first[] = {
    "Takashi", "Hiroshi", "Kenji", "Yuki", "Haruto", "Sota", "Yuto", "Ren", "Daiki", "Kazuki",
    "Shota", "Ryo", "Takumi", "Naoki", "Kenta", "Yusuke", "Daisuke", "Shinji", "Tatsuya", "Koji",
    "Masashi", "Akira", "Satoshi", "Tomoya", "Yuichi", "Hideki", "Kohei", "Masaki", "Shun",
    "Taro", "Yui", "Aoi", "Hina", "Sakura", "Yuna", "Mio", "Akari", "Haruka", "Ayaka", "Misaki",
    "Nanami", "Kaori", "Yoko", "Emi", "Mai", "Rina", "Saki", "Noriko", "Keiko", "Tomoko",
    "Hiroki", "Kazuya", "Keisuke", "Makoto", "Masahiro", "Naoto", "Ryota", "Shinya", "Shohei",
    "Takuya", "Tetsuya", "Toshiki", "Yasuhiro", "Yoshiki", "Yuya", "Asuka", "Chihiro", "Eri",
    "Kanako", "Megumi"};
static const char *const jpn_last[] = {
    "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
    "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue",
    "Kimura", "Hayashi", "Shimizu", "Yamazaki", "Mori", "Abe", "Ikeda", "Hashimoto",
    "Yamashita", "Ishikawa", "Nakajima", "Maeda", "Fujita", "Ogawa", "Goto", "Okada",
    "Hasegawa", "Murakami", "Kondo", "Ishii", "Saito", "Sakamoto", "Endo", "Aoki", "Fujii",
    "Nishimura", "Fukuda", "\xc5\x8cta", "Miura", "Fujiwara", "Okamoto", "Matsuda", "Nakagawa",
    "Harada", "Ono", "Tamura", "Takeuchi", "Kaneko", "Wada", "Nakano", "Ishida", "Ueda",
    "Morita", "Hara", "Kikuchi", "Kubo", "Matsui", "Miyazaki", "Nagai", "Noguchi", "Ohashi",
    "Sakai", "Sugiyama", "Takagi", "Takano", "Uchida", "Yokoyama", "Arai", "Iwasaki"};
/* Generated Japanese given names and surnames (prefix + suffix), beside the
 * common ones above: the real variety is far larger than a short list. */
static const char *const jpn_fpre[] = {
    "Hiro", "Kazu", "Masa", "Taka", "Yoshi", "Nori", "Toshi", "Tatsu", "Shin", "Ken", "Yasu",
    "Hide", "Aki", "Tomo", "Yu", "Haru", "Ryo", "Sho", "Dai", "Ko", "Mitsu", "Kei", "Nao",
    "Sato", "Tsune"};
static const char *const jpn_fsuf[] = {"shi", "ki", "ya", "to", "hiro", "yuki", "nori", "o",
                                       "ta", "suke", "hiko", "kazu", "aki", "ji", "ichi", "ro",
                                       "fumi", "taka", "masa", "hei"};
static const char *const jpn_lpre[] = {"Naka", "Yama", "Kawa", "Ta", "Mori", "Hashi", "Ishi",
                                       "Matsu", "Fuji", "Take", "Kita", "Oka", "Sato", "Shima",
                                       "Miya", "Hira", "Taka", "Ono", "Kuro", "Nishi"};
static const char *const jpn_lsuf[] = {"mura", "moto", "da", "kawa", "yama", "shita", "saki",
                                       "no", "ta", "oka", "bashi", "hara", "zaki", "gawa", "mori"};

static const char *const his_first[] = {
    "Jos\xc3\xa9", "Mar\xc3\xad" "a", "Juan", "Carlos", "Luis", "Javier", "Miguel", "Alejandro",
    "Diego", "Pablo", "Andr\xc3\xa9s", "Sergio", "Jorge", "Fernando", "Ricardo", "Ra\xc3\xbal",
    "Rub\xc3\xa9n", "Iv\xc3\xa1n", "\xc3\x93scar", "\xc3\x81lvaro", "Joaqu\xc3\xadn",
    "Mart\xc3\xadn", "Sebasti\xc3\xa1n", "Nicol\xc3\xa1s", "Tom\xc3\xa1s", "Ana", "Luc\xc3\xad" "a",
    "Sof\xc3\xad" "a", "Carmen", "Laura", "Elena", "Paula", "Marta", "Cristina", "In\xc3\xa9s",
    "Beatriz", "M\xc3\xb3nica", "Ver\xc3\xb3nica", "Valeria", "Camila", "Jo\xc3\xa3o",
    "Gon\xc3\xa7" "alo", "Lu\xc3\xads", "Rafael", "Thiago", "Gabriel", "Mateus", "Bruno",
    "Felipe", "Eduardo", "Manuel", "Antonio", "Francisco", "Pedro", "Hugo", "Daniela"};
static const char *const his_last[] = {
    "Garc\xc3\xad" "a", "Rodr\xc3\xadguez", "Mart\xc3\xadnez", "Hern\xc3\xa1ndez", "L\xc3\xb3pez",
    "Gonz\xc3\xa1lez", "P\xc3\xa9rez", "S\xc3\xa1nchez", "Ram\xc3\xadrez", "Torres", "Flores",
    "Rivera", "G\xc3\xb3mez", "D\xc3\xad" "az", "Cruz", "Morales", "Reyes", "Guti\xc3\xa9rrez",
    "Ortiz", "Ramos", "Jim\xc3\xa9nez", "Ruiz", "\xc3\x81lvarez", "Castillo", "Romero", "Vargas",
    "Castro", "N\xc3\xba\xc3\xb1" "ez", "Medina", "Herrera", "Aguilar", "Moreno", "Mu\xc3\xb1oz",
    "Navarro", "Dom\xc3\xadnguez", "V\xc3\xa1zquez", "Gil", "Serrano", "Blanco", "Molina",
    "Su\xc3\xa1rez", "Ortega", "Delgado", "Rubio", "Mar\xc3\xadn", "Sanz", "Iglesias",
    "Pe\xc3\xb1" "a", "Cabrera", "Fuentes", "Silva", "Santos", "Oliveira", "Pereira", "Costa",
    "Ferreira", "Almeida", "Carvalho", "Sousa", "Ribeiro", "Gon\xc3\xa7" "alves",
    "Ara\xc3\xbajo", "Barbosa", "Lima", "Rocha", "Mendes", "Nunes", "Vieira"};
static const char *const oth_first[] = {
    "Aleksandr", "Dmitry", "Sergey", "Andrey", "Ivan", "Mikhail", "Nikolai", "Pavel", "Alexey",
    "Vladimir", "Tomasz", "Piotr", "\xc5\x81ukasz", "Micha\xc5\x82", "Krzysztof", "Marek",
    "Jakub", "Ond\xc5\x99" "ej", "Tom\xc3\xa1\xc5\xa1", "Petr", "Ji\xc5\x99\xc3\xad", "Georgios",
    "Dimitris", "Nikolaos", "Konstantinos", "Ioannis", "Mehmet", "Ahmet", "Emre", "Burak", "Can",
    "Ali", "Mohammad", "Reza", "Amir", "Hossein", "Mehdi", "Saeed", "Omar", "Ahmed", "Youssef",
    "Karim", "Yael", "Noam", "Itai", "Tal", "Shai", "Natalia", "Olga", "Ekaterina", "Irina",
    "Elif", "Zeynep", "Fatemeh", "Maryam", "Sara", "Leila", "Agnieszka", "Katarzyna", "Yonatan",
    "Uri", "Eitan", "Nadia", "Rania", "Hamid", "Farid", "Arash", "Babak", "Kaveh", "Oleg"};
static const char *const oth_last[] = {
    "Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Volkov", "Novikov",
    "Morozov", "Lebedev", "Kowalski", "Nowak", "Wi\xc5\x9bniewski", "W\xc3\xb3jcik",
    "Kowalczyk", "Kami\xc5\x84ski", "Lewandowski", "Zieli\xc5\x84ski", "Szyma\xc5\x84ski",
    "Dvo\xc5\x99\xc3\xa1k", "Nov\xc3\xa1k", "Svoboda", "\xc4\x8c" "ern\xc3\xbd",
    "Proch\xc3\xa1zka", "Papadopoulos", "Georgiou", "Nikolaidis", "Papadakis",
    "Y\xc4\xb1lmaz", "Kaya", "Demir", "\xc5\x9e" "ahin", "\xc3\x87" "elik", "\xc3\x96zt\xc3\xbcrk",
    "Ayd\xc4\xb1n", "Hosseini", "Mohammadi", "Ahmadi", "Rezaei", "Karimi", "Moradi", "Hashemi",
    "Rahimi", "Haddad", "Khalil", "Mansour", "Hassan", "Cohen", "Levi", "Mizrahi", "Friedman",
    "Shapiro", "Katz", "Goldberg", "Rosen", "Kaplan", "Peretz", "Avraham", "Ben-David",
    "Sadeghi", "Jafari", "Farahani", "Tehrani", "Abbasi", "Nasser", "Saleh", "Aziz", "Yousef",
    "Orlov", "Belov", "Fedorov", "Egorov"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define N_WEST_LAST ((unsigned)(NELEM(west_last) + NELEM(west_pre) * NELEM(west_suf)))
#define N_JPN_FIRST ((unsigned)(NELEM(jpn_first) + NELEM(jpn_fpre) * NELEM(jpn_fsuf)))
#define N_JPN_LAST ((unsigned)(NELEM(jpn_last) + NELEM(jpn_lpre) * NELEM(jpn_lsuf)))

/* A person's name as indices. Meaning of a/b/c by culture:
 *   Chinese/Korean: a surname, b/c given-name syllables (c = NONE16: one)
 *   others:         a first name, b surname, c second surname (Hispanic only) */
#define NONE16 0xFFFFu
typedef struct {
    uint8_t culture;
    uint8_t mid;    /* middle initial 'A'..'Z' in the canonical name, or 0 */
    uint8_t altmid; /* the middle initial some papers add when there is none */
    uint8_t style;  /* NS_* bits */
    uint16_t a, b, c;
} pname;

enum { NS_HYPHEN = 1, NS_PRONE = 2, NS_ACCENT = 4, NS_LOWER2 = 8 };

/* The forms a name is written in: a variant kind, optionally with accents
 * dropped (FORM_FOLD). */
enum { V_CANON, V_NOMID, V_INIT, V_ADDMID, V_HYPH, V_NOSUR2, V_NKIND };
#define FORM_FOLD 8u
#define FORM_BIT(f) (1u << (((f) & 7u) + (((f) & FORM_FOLD) ? 8u : 0u)))

static size_t put(char *o, size_t n, const char *s)
{
    size_t k = strlen(s);
    memcpy(o + n, s, k);
    return n + k;
}

/* Accent folding for the letters the pools use: code point -> ASCII. */
static const struct {
    uint16_t cp;
    const char *ascii;
} fold_tab[] = {
    {0xC0, "A"}, {0xC1, "A"}, {0xC2, "A"}, {0xC3, "A"}, {0xC4, "A"}, {0xC5, "A"}, {0xC6, "AE"},
    {0xC7, "C"}, {0xC8, "E"}, {0xC9, "E"}, {0xCA, "E"}, {0xCB, "E"}, {0xCC, "I"}, {0xCD, "I"},
    {0xCE, "I"}, {0xCF, "I"}, {0xD1, "N"}, {0xD2, "O"}, {0xD3, "O"}, {0xD4, "O"}, {0xD5, "O"},
    {0xD6, "O"}, {0xD8, "O"}, {0xD9, "U"}, {0xDA, "U"}, {0xDB, "U"}, {0xDC, "U"}, {0xDD, "Y"},
    {0xDF, "ss"}, {0xE0, "a"}, {0xE1, "a"}, {0xE2, "a"}, {0xE3, "a"}, {0xE4, "a"}, {0xE5, "a"},
    {0xE6, "ae"}, {0xE7, "c"}, {0xE8, "e"}, {0xE9, "e"}, {0xEA, "e"}, {0xEB, "e"}, {0xEC, "i"},
    {0xED, "i"}, {0xEE, "i"}, {0xEF, "i"}, {0xF1, "n"}, {0xF2, "o"}, {0xF3, "o"}, {0xF4, "o"},
    {0xF5, "o"}, {0xF6, "o"}, {0xF8, "o"}, {0xF9, "u"}, {0xFA, "u"}, {0xFB, "u"}, {0xFC, "u"},
    {0xFD, "y"}, {0xFF, "y"}, {0x105, "a"}, {0x107, "c"}, {0x10C, "C"}, {0x10D, "c"},
    {0x119, "e"}, {0x11B, "e"}, {0x11F, "g"}, {0x130, "I"}, {0x131, "i"}, {0x141, "L"},
    {0x142, "l"}, {0x144, "n"}, {0x14C, "O"}, {0x14D, "o"}, {0x151, "o"}, {0x158, "R"},
    {0x159, "r"}, {0x15A, "S"}, {0x15B, "s"}, {0x15E, "S"}, {0x15F, "s"}, {0x160, "S"},
    {0x161, "s"}, {0x16F, "u"}, {0x171, "u"}, {0x17A, "z"}, {0x17C, "z"}, {0x17D, "Z"},
    {0x17E, "z"}};

/* Decode one UTF-8 sequence at p (valid input assumed: our own tables). */
static unsigned utf8_dec(const unsigned char *p, uint32_t *cp)
{
    if (p[0] < 0x80) { *cp = p[0]; return 1; }
    if ((p[0] & 0xE0) == 0xC0) { *cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F); return 2; }
    if ((p[0] & 0xF0) == 0xE0) {
        *cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        return 3;
    }
    *cp = ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
          ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return 4;
}

static const char *fold_cp(uint32_t cp)
{
    size_t lo = 0, hi = NELEM(fold_tab);
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (fold_tab[m].cp == cp) return fold_tab[m].ascii;
        if (fold_tab[m].cp < cp) lo = m + 1; else hi = m;
    }
    return NULL;
}

/* Drop accents from s[0..n) into o; returns the new length. */
static size_t fold_str(const char *s, size_t n, char *o)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)s + i;
        if (*p < 0x80) { o[k++] = (char)*p; i++; continue; }
        uint32_t cp;
        unsigned len = utf8_dec(p, &cp);
        const char *a = fold_cp(cp);
        if (a) k = put(o, k, a);
        else { memcpy(o + k, p, len); k += len; }
        i += len;
    }
    return k;
}

static int has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return 1;
    return 0;
}

/* A name from a list, or past its end from prefix x suffix. */
static const char *gen_name(unsigned i, const char *const *list, unsigned nlist,
                            const char *const *pre, const char *const *suf, unsigned nsuf,
                            char *tmp)
{
    if (i < nlist) return list[i];
    i -= nlist;
    size_t k = put(tmp, 0, pre[i / nsuf]);
    k = put(tmp, k, suf[i % nsuf]);
    tmp[k] = 0;
    return tmp;
}

static void name_parts(const pname *nm, const char **first, const char **last, const char **last2,
                       char *tmp, char *tmp2)
{
    *last2 = NULL;
    switch (nm->culture) {
    case C_WESTERN:
        *first = west_first[nm->a];
        *last = gen_name(nm->b, west_last, NELEM(west_last), west_pre, west_suf, NELEM(west_suf), tmp);
        break;
    case C_INDIAN: *first = ind_first[nm->a]; *last = ind_last[nm->b]; break;
    case C_JAPANESE:
        *first = gen_name(nm->a, jpn_first, NELEM(jpn_first), jpn_fpre, jpn_fsuf, NELEM(jpn_fsuf),
                          tmp2);
        *last = gen_name(nm->b, jpn_last, NELEM(jpn_last), jpn_lpre, jpn_lsuf, NELEM(jpn_lsuf), tmp);
        break;
    case C_HISPANIC:
        *first = his_first[nm->a];
        *last = his_last[nm->b];
        if (nm->c != NONE16) *last2 = his_last[nm->c];
        break;
    default: *first = oth_first[nm->a]; *last = oth_last[nm->b]; break;
    }
}

/* Write one form of a name into o (at least 256 bytes); returns its length. */
static size_t name_build(const pname *nm, unsigned form, char *o)
{
    char t[256], tmp[64], tmp2[64];
    size_t n = 0;
    unsigned kind = form & 7u;
    if (nm->culture == C_CHINESE || nm->culture == C_KOREAN) {
        const char *const *sur = nm->culture == C_CHINESE ? chn_sur : kor_sur;
        const char *const *syl = nm->culture == C_CHINESE ? chn_syl : kor_syl;
        int hyph = (nm->style & NS_HYPHEN) != 0;
        if (kind == V_HYPH) hyph = !hyph;
        n = put(t, n, syl[nm->b]);
        if (nm->c != NONE16) {
            size_t k0;
            if (hyph) t[n++] = '-';
            k0 = n;
            n = put(t, n, syl[nm->c]);
            /* "Zhihua", "Zhi-Hua", Korean "Min-jun": lower-case the second
             * syllable when joined, and in some people's hyphenated style. */
            if (!hyph || (nm->style & NS_LOWER2)) t[k0] = (char)(t[k0] - 'A' + 'a');
        }
        t[n++] = ' ';
        n = put(t, n, sur[nm->a]);
    } else {
        const char *first, *last, *last2;
        name_parts(nm, &first, &last, &last2, tmp, tmp2);
        if (kind == V_INIT) {
            uint32_t cp;
            unsigned len = utf8_dec((const unsigned char *)first, &cp);
            memcpy(t, first, len);
            n = len;
            t[n++] = '.';
        } else {
            n = put(t, n, first);
        }
        if (nm->mid && kind != V_NOMID) {
            t[n++] = ' ';
            t[n++] = (char)nm->mid;
            t[n++] = '.';
        } else if (!nm->mid && kind == V_ADDMID) {
            t[n++] = ' ';
            t[n++] = (char)nm->altmid;
            t[n++] = '.';
        }
        t[n++] = ' ';
        n = put(t, n, last);
        if (last2 && kind != V_NOSUR2) {
            t[n++] = ' ';
            n = put(t, n, last2);
        }
    }
    if (form & FORM_FOLD) return fold_str(t, n, o);
    memcpy(o, t, n);
    return n;
}

/* The variant kinds (other than the canonical form) a name-variant-prone
 * person uses. */
static unsigned name_kinds(const pname *nm, unsigned *kinds)
{
    unsigned k = 0;
    switch (nm->culture) {
    case C_CHINESE:
    case C_KOREAN:
        if (nm->c != NONE16) kinds[k++] = V_HYPH;
        break;
    case C_JAPANESE: kinds[k++] = V_INIT; break;
    case C_HISPANIC:
        if (nm->c != NONE16) kinds[k++] = V_NOSUR2;
        kinds[k++] = V_INIT;
        if (nm->c != NONE16) kinds[k++] = V_NOSUR2; /* the commonest variant: twice the weight */
        break;
    default:
        kinds[k++] = V_INIT;
        kinds[k++] = nm->mid ? V_NOMID : V_ADDMID;
        break;
    }
    return k;
}

/* Every form the person may ever write, as a FORM_BIT mask. */
static unsigned name_forms(const pname *nm)
{
    unsigned kinds[4], m = FORM_BIT(V_CANON);
    if (nm->style & NS_PRONE) {
        unsigned nk = name_kinds(nm, kinds);
        for (unsigned i = 0; i < nk; i++) m |= FORM_BIT(kinds[i]);
    }
    if (nm->style & NS_ACCENT) m |= m << 8;
    return m;
}

/* ======================================================================
 * Topics, their vocabulary, venues.
 * ====================================================================== */

#define N_TOPICS 8
typedef struct {
    const char *name, *field; /* truth name; keyword for the field */
    const char *const *task, *const *method, *const *data;
    unsigned ntask, nmethod, ndata;
} topic_t;

#define WORDS(...) ((const char *const[]){__VA_ARGS__})
#define NW(...) (unsigned)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
#define TOPIC(nm, fld, T, M, D)                                                          \
    {nm, fld, WORDS T, WORDS M, WORDS D, NW T, NW M, NW D}

static const topic_t topics[N_TOPICS] = {
    TOPIC("vision", "computer vision",
          ("Image Classification", "Object Detection", "Semantic Segmentation",
           "3D Reconstruction", "Video Understanding", "Pose Estimation", "Visual Tracking",
           "Novel View Synthesis", "Depth Estimation", "Instance Segmentation"),
          ("Vision Transformers", "Contrastive Pretraining", "Neural Radiance Fields",
           "Convolutional Networks", "Masked Autoencoders", "Feature Pyramids",
           "Attention Modules"),
          ("ImageNet", "COCO", "Cityscapes", "KITTI", "ScanNet", "Kinetics")),
    TOPIC("nlp", "natural language processing",
          ("Machine Translation", "Question Answering", "Summarization",
           "Named Entity Recognition", "Dialogue Generation", "Language Modeling",
           "Semantic Parsing", "Reading Comprehension"),
          ("Transformers", "Pretrained Language Models", "Retrieval Augmentation",
           "Instruction Tuning", "Sequence-to-Sequence Models", "Prompting",
           "Chain-of-Thought Reasoning"),
          ("GLUE", "SQuAD", "WMT", "MMLU", "Natural Questions", "XSum")),
    TOPIC("rl", "reinforcement learning",
          ("Policy Optimization", "Exploration", "Offline Reinforcement Learning",
           "Multi-Agent Coordination", "Model-Based Planning", "Credit Assignment",
           "Continuous Control"),
          ("Actor-Critic Methods", "Q-Learning", "World Models", "Reward Shaping",
           "Hierarchical Policies", "Trust Regions", "Successor Features"),
          ("Atari", "MuJoCo", "ProcGen", "DeepMind Control Suite", "NetHack")),
    TOPIC("theory", "learning theory",
          ("Generalization Bounds", "Online Learning", "Sample Complexity",
           "Convex Optimization", "Bandits", "Matrix Completion", "Robust Statistics"),
          ("Stochastic Gradient Descent", "Kernel Methods", "PAC-Bayes Analysis",
           "Mirror Descent", "Spectral Methods", "Regularized Estimators"),
          ("synthetic data", "standard benchmarks", "random instances")),
    TOPIC("robotics", "robotics",
          ("Robot Manipulation", "Legged Locomotion", "Navigation", "Grasping", "SLAM",
           "Motion Planning", "Autonomous Driving"),
          ("Imitation Learning", "Sim-to-Real Transfer", "Model Predictive Control",
           "Diffusion Policies", "Visuomotor Policies", "Tactile Sensing"),
          ("real robot experiments", "RLBench", "nuScenes", "Habitat")),
    TOPIC("generative", "generative models",
          ("Image Synthesis", "Density Estimation", "Text-to-Image Generation",
           "Representation Learning", "Video Generation", "Molecule Generation"),
          ("Diffusion Models", "Variational Autoencoders", "Generative Adversarial Networks",
           "Normalizing Flows", "Score Matching", "Autoregressive Models"),
          ("CIFAR-10", "LSUN", "FFHQ", "LAION", "CelebA")),
    TOPIC("graphs", "graph learning",
          ("Node Classification", "Link Prediction", "Recommendation",
           "Molecular Property Prediction", "Knowledge Graph Completion", "Graph Generation"),
          ("Graph Neural Networks", "Message Passing", "Graph Transformers",
           "Spectral Graph Convolutions", "Random Walks", "Hypergraph Networks"),
          ("OGB", "Cora", "MovieLens", "QM9", "FB15k")),
    TOPIC("efficiency", "efficient machine learning",
          ("Model Compression", "Distributed Training", "Neural Architecture Search",
           "Quantization", "Federated Learning", "Inference Acceleration"),
          ("Pruning", "Knowledge Distillation", "Low-Rank Adaptation", "Mixed-Precision Training",
           "Sparse Mixture-of-Experts", "Gradient Compression"),
          ("ImageNet", "GLUE", "CIFAR-100", "LLaMA checkpoints")),
};

static const char *const adjectives[] = {
    "Efficient", "Robust", "Scalable", "Provably Efficient", "Self-Supervised", "Sparse",
    "Adaptive", "Unified", "Hierarchical", "Differentiable", "Causal", "Few-Shot", "Continual",
    "Interpretable", "Data-Efficient", "Generalizable", "Uncertainty-Aware", "Lightweight"};
static const char *const nouns[] = {"Convergence", "Robustness", "Generalization", "Limits",
                                    "Expressivity", "Implicit Bias", "Stability", "Calibration"};
static const char *const verbs[] = {
    "exploits structure in the data", "scales to large models", "requires no extra labels",
    "comes with provable guarantees", "is simple to implement", "reduces compute by half",
    "transfers across domains", "handles distribution shift"};
static const char *const results[] = {
    "outperforms strong baselines", "matches the state of the art at a fraction of the cost",
    "improves accuracy by a large margin", "is more robust than prior work",
    "sets a new state of the art", "generalizes to unseen settings"};

/* Venues: the real corpus' directory names and the way each writes its
 * lists (separators, citation type, whether old lists lack affiliations). */
typedef struct {
    const char *key, *booktitle;
    const char *author_sep, *aff_sep, *empty_dom;
    uint8_t cit_string; /* gs_citation as a JSON string */
    uint8_t spotlight;  /* has a Spotlight status */
    uint8_t cvf;        /* CVF lists: affiliations often missing before 2018 */
    uint8_t dom_pm;     /* e-mail domain present (per mille / 4) */
    short first;        /* first edition */
    uint8_t rule;       /* 0 yearly, 1 odd years, 2 even years, 3 NAACL, 4 IJCAI */
} venue_t;

static const venue_t venues[] = {
    {"nips", "NIPS", "; ", "; ", "", 0, 1, 0, 160, 1987, 0},
    {"icml", "ICML", "; ", "; ", " ", 0, 1, 0, 150, 1990, 0},
    {"iclr", "ICLR", ";", ";", "", 0, 1, 0, 220, 2013, 0},
    {"cvpr", "CVPR", ";  ", "; ", "", 0, 0, 1, 120, 1985, 0},
    {"iccv", "ICCV", ";  ", "; ", "", 0, 0, 1, 120, 1987, 1},
    {"eccv", "ECCV", ";  ", "; ", "", 0, 0, 1, 120, 1990, 2},
    {"aaai", "AAAI", "; ", "; ", "", 1, 0, 0, 150, 1980, 0},
    {"ijcai", "IJCAI", "; ", "; ", "", 0, 0, 0, 150, 1969, 4},
    {"acl", "ACL", "; ", "; ", "", 0, 0, 0, 150, 1979, 0},
    {"naacl", "NAACL-HLT", "; ", "; ", "", 0, 0, 0, 150, 2000, 3},
    {"icra", "ICRA", ";", "; ", "", 1, 0, 0, 120, 1984, 0},
    {"iros", "IROS", "; ", "; ", "", 0, 0, 0, 120, 1988, 0},
    {"corl", "CoRL", "; ", "; ", "", 0, 1, 0, 160, 2017, 0},
    {"kdd", "KDD", "; ", "; ", "", 0, 0, 0, 150, 1995, 0},
    {"www", "WWW", "; ", "; ", "", 0, 0, 0, 150, 1994, 0},
    {"colt", "COLT", "; ", "; ", "", 0, 0, 0, 160, 1988, 0},
    {"uai", "UAI", "; ", "; ", "", 0, 0, 0, 150, 1985, 0},
    {"aistats", "AISTATS", "; ", "; ", "", 0, 0, 0, 150, 1995, 0},
};
#define N_VENUES ((unsigned)NELEM(venues))

/* Where each topic publishes (weights over venues[], same order). */
static const uint8_t topic_venue_w[N_TOPICS][NELEM(venues)] = {
    /*           nips icml iclr cvpr iccv eccv aaai ijca acl naac icra iros corl kdd www colt uai aist */
    /* vision */ {10, 5, 6, 40, 25, 25, 8, 4, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0},
    /* nlp    */ {10, 6, 10, 0, 0, 0, 10, 5, 45, 20, 0, 0, 0, 2, 3, 0, 0, 0},
    /* rl     */ {30, 30, 25, 0, 0, 0, 10, 6, 0, 0, 3, 0, 3, 0, 0, 0, 3, 3},
    /* theory */ {25, 25, 6, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 25, 10, 15},
    /* robot  */ {5, 3, 3, 4, 2, 2, 4, 2, 0, 0, 40, 30, 15, 0, 0, 0, 0, 0},
    /* gener. */ {30, 20, 25, 15, 6, 6, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 5},
    /* graphs */ {15, 10, 10, 0, 0, 0, 10, 5, 0, 0, 0, 0, 0, 30, 20, 0, 2, 3},
    /* effic. */ {20, 20, 20, 15, 4, 4, 10, 4, 4, 0, 0, 0, 0, 10, 0, 0, 0, 2},
};

static int venue_held(const venue_t *v, int y)
{
    if (y < v->first) return 0;
    switch (v->rule) {
    case 1: return y % 2 == 1;
    case 2: return y % 2 == 0;
    case 3: return y % 3 != 1;
    case 4: return y >= 2016 || y % 2 == 1;
    default: return 1;
    }
}

/* ======================================================================
 * Output. Each file has a buffer; a full one (1 MiB) is handed to a writer
 * thread, so that the kernel's copying and the disk overlap with generation
 * (at DBLP scale the demo writes ~9 GB). The writer runs the jobs in order,
 * so the bytes are exactly those a plain fwrite would give; its first
 * failure (disk full) is kept with the path and stops the generator.
 * ====================================================================== */

#define OF_CHUNK (1u << 20)   /* hand a buffer over once it holds this much */
#define REC_MAX (96u << 10)   /* bound of one record written with w_* (a paper, a line) */
#define OF_CAP (OF_CHUNK + REC_MAX)
#define WQ_CAP 16

typedef struct {
    FILE *f;
    char *path; /* borrowed; owned (and freed) by the job that closes */
    char *p;    /* buffer to write, then to give back to the pool */
    size_t n;
    int close;
} wjob;

typedef struct {
    pthread_t th;
    int running;
    pthread_mutex_t mu;
    pthread_cond_t cv_put, cv_get;
    wjob q[WQ_CAP];
    unsigned head, count;
    char *pool[WQ_CAP + 48]; /* free buffers */
    unsigned npool;
    int stop, failed;
    char msg[1024];
} writer;

typedef struct {
    FILE *f;
    char *path;
    sc_buf b; /* capacity OF_CAP, from the writer's pool */
} ofile;

typedef struct gen gen;

typedef struct {
    int year;
    uint8_t n, idx[31];
} strcache;

/* An alias with its length and its JSON form, made once: the hot loop
 * writes ~25M affiliations at DBLP scale. */
typedef struct {
    const char *s;
    char *esc;
    uint16_t n, esc_n;
} ostr;

/* ======================================================================
 * People.
 * ====================================================================== */

#define MAXST 5             /* PhD + first job + up to 3 further moves */
#define NOBODY 0xFFFFFFFFu
#define ONGOING INT16_MAX

typedef struct {
    pname nm;
    uint8_t t1, t2;     /* topics (t2 = 0xFF: only one) */
    uint8_t prod;       /* productivity multiplier */
    uint8_t nst;        /* stints */
    uint8_t org[MAXST];
    uint8_t intern_org, dual_org, dual_stint, dual_sep, intern_done;
    int16_t from[MAXST];
    int16_t end;        /* last year in research (inclusive); ONGOING = past the range */
    int16_t intern_year; /* 0 = no internship */
    int16_t dual_from;  /* 0 = no dual affiliation */
    uint16_t nauth[MAXST];        /* authorships at each stint (saturating) */
    int16_t first_at[MAXST];      /* year of the first authorship at each stint */
    uint16_t used_forms;          /* FORM_BIT of every name form written */
    uint16_t hrank, hsize;        /* rank in the homonym group; size (at the head) */
    uint8_t collab_cur;
    uint8_t dblp_known; /* in a homonym group DBLP has told apart ("Wei Wang 0001") */
    uint32_t advisor;
    uint32_t collab[4];           /* recent co-authors (a ring) */
    uint32_t hnext;               /* next person with the same canonical name (circular) */
    uint32_t total_auth;
} person;

static int stint_to(const person *p, int i)
{
    return i + 1 < p->nst ? p->from[i + 1] - 1 : p->end;
}

static int is_academic(unsigned org) { return sc_demo_orgs[org].type != SC_ORG_COMPANY; }

/* Faculty at a university over years, for choosing PhD advisors. */
typedef struct {
    uint32_t p;
    int16_t from, to;
    uint8_t t1, t2; /* copied here: probing must not touch the people array */
} fac_t;
typedef SC_VEC(fac_t) facvec;

/* ======================================================================
 * Name table: 64-bit hash of a name string -> the person holding it as
 * canonical name (head of the homonym group) and whether one or several
 * people write it at all (for DBLP, where a name must denote one person).
 * ====================================================================== */

#define MULTI 0xFFFFFFFEu
typedef struct {
    uint64_t h;
    uint32_t canon; /* head of the canonical-name group, or NOBODY */
    uint32_t owner; /* the one person writing it, MULTI, or NOBODY (empty slot) */
} nslot;

typedef struct {
    nslot *v;
    size_t cap, n;
} ntab;

static nslot *ntab_find(ntab *t, uint64_t h, int insert)
{
    if (insert && (t->n + 1) * 10 > t->cap * 7) {
        size_t nc = t->cap ? t->cap * 2 : 1024;
        nslot *nv = sc_xmalloc(nc * sizeof *nv);
        for (size_t i = 0; i < nc; i++) nv[i].owner = NOBODY;
        for (size_t i = 0; i < t->cap; i++) {
            if (t->v[i].owner == NOBODY) continue;
            size_t j = (size_t)t->v[i].h & (nc - 1);
            while (nv[j].owner != NOBODY) j = (j + 1) & (nc - 1);
            nv[j] = t->v[i];
        }
        free(t->v);
        t->v = nv;
        t->cap = nc;
    }
    if (!t->cap) return NULL;
    size_t j = (size_t)h & (t->cap - 1);
    while (t->v[j].owner != NOBODY) {
        if (t->v[j].h == h) return &t->v[j];
        j = (j + 1) & (t->cap - 1);
    }
    if (!insert) return NULL;
    t->v[j].h = h;
    t->v[j].canon = NOBODY;
    t->v[j].owner = MULTI; /* caller sets */
    t->n++;
    return &t->v[j];
}

/* ======================================================================
 * The generator's state.
 * ====================================================================== */

typedef struct {
    unsigned count; /* papers so far this year (numbers the ids) */
    ofile of;
    int open;
} vfile;

struct gen {
    const char *out;
    sc_demo_options opt;
    int y0, y1;              /* generated years */
    uint64_t seed;
    rng_t rng;
    sc_error *err;
    int failed;
    int write_pl, write_dblp;

    person *P;
    uint32_t np;
    unsigned id_digits;
    ntab names;
    facvec fac[64];
    facvec cov[64];              /* faculty covering the current start year */

    /* per year */
    int8_t *cur;             /* stint index of each person this year, -1 inactive */
    uint32_t *alive;         /* people started and not yet ended, by index */
    uint32_t nalive, next_start;
    uint32_t *bucket;        /* active people by (topic, org) */
    uint32_t *bstart;        /* N_TOPICS * norgs + 1 offsets */
    vfile vf[NELEM(venues)];
    int venue_dir_made[NELEM(venues)];

    ofile tsv, dblp;
    writer w;
    sc_buf scratch, abs, xml;
    strcache alias_cache[64], dom_cache[64];
    ostr *als[64];               /* per organisation, per alias */
    uint16_t org_name_n[64];
    char *lc[N_TOPICS][2][16];   /* lower-cased task/method words */
    char *adj_lc[32];
    sc_demo_result res;
    uint64_t papers_target, papers_done;
    uint64_t next_progress;
};

static void check_writer(gen *g)
{
    writer *w = &g->w;
    pthread_mutex_lock(&w->mu);
    if (w->failed && !g->failed) {
        g->failed = 1;
        sc_fail(g->err, SC_EINTERNAL, "%s", w->msg);
    }
    pthread_mutex_unlock(&w->mu);
}

static void progress(gen *g, uint64_t done, uint64_t total, const char *unit)
{
    if (g->opt.progress) g->opt.progress(g->opt.progress_ctx, "generating", done, total, unit);
}

/* ---- files ---- */

static int mkdir_p(gen *g, const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n >= sizeof buf) {
        g->failed = 1;
        return sc_fail(g->err, SC_EINPUT, "%s: path too long", path);
    }
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != 0) continue;
        char c = buf[i];
        buf[i] = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            g->failed = 1;
            return sc_fail(g->err, e == ENOSPC || e == EIO ? SC_EINTERNAL : SC_EINPUT,
                           "%s: cannot create directory: %s", buf, strerror(e));
        }
        struct stat st;
        if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
            g->failed = 1;
            return sc_fail(g->err, SC_EINPUT, "%s: not a directory", buf);
        }
        buf[i] = c;
    }
    return SC_OK;
}

/* Run one job (in the writer thread, or inline when there is none). */
static void job_do(writer *w, wjob *j)
{
    int e = 0, bad = 0;
    if (j->n && fwrite(j->p, 1, j->n, j->f) != j->n) {
        e = errno;
        bad = 1;
    }
    if (j->close && fclose(j->f) != 0 && !bad) {
        e = errno;
        bad = 1;
    }
    pthread_mutex_lock(&w->mu);
    if (bad && !w->failed) {
        w->failed = 1;
        snprintf(w->msg, sizeof w->msg, "%s: write failed: %s", j->path, strerror(e));
    }
    if (j->p) {
        if (w->npool < NELEM(w->pool)) w->pool[w->npool++] = j->p;
        else free(j->p);
    }
    pthread_mutex_unlock(&w->mu);
    if (j->close) free(j->path);
}

static void *writer_main(void *arg)
{
    writer *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->count && !w->stop) pthread_cond_wait(&w->cv_get, &w->mu);
        if (!w->count) break;
        wjob j = w->q[w->head];
        w->head = (w->head + 1) % WQ_CAP;
        w->count--;
        pthread_cond_signal(&w->cv_put);
        pthread_mutex_unlock(&w->mu);
        job_do(w, &j);
        pthread_mutex_lock(&w->mu);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void writer_start(writer *w)
{
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv_put, NULL);
    pthread_cond_init(&w->cv_get, NULL);
    /* without a thread (creation failed) the jobs simply run inline */
    w->running = pthread_create(&w->th, NULL, writer_main, w) == 0;
}

static void writer_put(writer *w, wjob j)
{
    if (!w->running) {
        job_do(w, &j);
        return;
    }
    pthread_mutex_lock(&w->mu);
    while (w->count == WQ_CAP) pthread_cond_wait(&w->cv_put, &w->mu);
    w->q[(w->head + w->count) % WQ_CAP] = j;
    w->count++;
    pthread_cond_signal(&w->cv_get);
    pthread_mutex_unlock(&w->mu);
}

static char *writer_buf(writer *w)
{
    char *p = NULL;
    pthread_mutex_lock(&w->mu);
    if (w->npool) p = w->pool[--w->npool];
    pthread_mutex_unlock(&w->mu);
    return p ? p : sc_xmalloc(OF_CAP);
}

/* Take the writer's first failure over into the generator's error. */
static void check_writer(gen *g);

/* Wait until every job has run; the writer can then be freed. */
static void writer_finish(writer *w)
{
    if (w->running) {
        pthread_mutex_lock(&w->mu);
        w->stop = 1;
        pthread_cond_signal(&w->cv_get);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->th, NULL);
        w->running = 0;
    }
}

static void writer_free(writer *w)
{
    for (unsigned i = 0; i < w->npool; i++) free(w->pool[i]);
    w->npool = 0;
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv_put);
    pthread_cond_destroy(&w->cv_get);
}

static int of_open(gen *g, ofile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    FILE *f = fopen(path, "wb");
    if (!f) {
        int e = errno;
        g->failed = 1;
        return sc_fail(g->err, e == ENOSPC || e == EIO ? SC_EINTERNAL : SC_EINPUT,
                       "%s: cannot create: %s", path, strerror(e));
    }
    o->f = f;
    o->path = sc_xstrdup(path);
    o->b.p = writer_buf(&g->w);
    o->b.cap = OF_CAP;
    o->b.n = 0;
    g->res.files++;
    return SC_OK;
}

static void of_flush(gen *g, ofile *o)
{
    if (!o->b.n) return;
    g->res.bytes += o->b.n;
    writer_put(&g->w, (wjob){o->f, o->path, o->b.p, o->b.n, 0});
    o->b.p = writer_buf(&g->w);
    o->b.n = 0;
    check_writer(g);
}

/* Room for one record of at most REC_MAX bytes, to be written with w_*. */
static inline sc_buf *of_rec(gen *g, ofile *o)
{
    if (o->b.n > OF_CHUNK) of_flush(g, o);
    return &o->b;
}

static void of_add(gen *g, ofile *o, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        if (o->b.n >= OF_CHUNK) of_flush(g, o);
        size_t k = SC_MIN(n, OF_CAP - o->b.n);
        memcpy(o->b.p + o->b.n, s, k);
        o->b.n += k;
        s += k;
        n -= k;
    }
}

/* Hand the rest over with a close: the writer closes the file. */
static void of_close(gen *g, ofile *o)
{
    if (!o->f) return;
    g->res.bytes += o->b.n;
    writer_put(&g->w, (wjob){o->f, o->path, o->b.p, o->b.n, 1});
    memset(o, 0, sizeof *o);
}

/* ---- hand-made formatting (locale-independent, fast) ----
 * w_* append without bounds checks into a buffer with room reserved first
 * (of_rec, or sc_buf_reserve); add_* are the checked versions. */

static inline void w_raw(sc_buf *b, const void *p, size_t n)
{
    memcpy(b->p + b->n, p, n);
    b->n += n;
}
#define W_LIT(b, s) w_raw((b), "" s, sizeof(s) - 1)
static inline void w_str(sc_buf *b, const char *s) { w_raw(b, s, strlen(s)); }
static inline void w_c(sc_buf *b, char c) { b->p[b->n++] = c; }

static inline void w_u64w(sc_buf *b, uint64_t v, int width)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    char t[24];
    int n = 24;
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100) * 2;
        v /= 100;
        t[--n] = pairs[d + 1];
        t[--n] = pairs[d];
    }
    if (v >= 10) {
        t[--n] = pairs[v * 2 + 1];
        t[--n] = pairs[v * 2];
    } else {
        t[--n] = (char)('0' + v);
    }
    while (24 - n < width) t[--n] = '0';
    w_raw(b, t + n, (size_t)(24 - n));
}
static inline void w_u64(sc_buf *b, uint64_t v) { w_u64w(b, v, 1); }

static inline void add_u64(sc_buf *b, uint64_t v)
{
    sc_buf_reserve(b, 24);
    w_u64(b, v);
}
static inline void add_lit(sc_buf *b, const char *s) { sc_buf_add(b, s, strlen(s)); }

/* JSON string body, Python-style: every non-ASCII character as \uXXXX (the
 * real paperlists are written by json.dump with ensure_ascii). At most 6
 * bytes out per byte in. */
static void w_json_ascii(sc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        w_raw(b, s + run, i - run);
        uint32_t cp;
        if (c < 0x80) {
            i++;
            run = i;
            w_c(b, '\\');
            switch (c) {
            case '"': w_c(b, '"'); continue;
            case '\\': w_c(b, '\\'); continue;
            case '\n': w_c(b, 'n'); continue;
            case '\t': w_c(b, 't'); continue;
            default: b->n--; cp = c; break;
            }
        } else {
            i += utf8_dec((const unsigned char *)s + i, &cp);
            run = i;
        }
        uint32_t units[2];
        int nu = 0;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            units[nu++] = 0xD800 + (cp >> 10);
            units[nu++] = 0xDC00 + (cp & 0x3FF);
        } else {
            units[nu++] = cp;
        }
        for (int k = 0; k < nu; k++) {
            char e[6] = {'\\', 'u', hex[(units[k] >> 12) & 15], hex[(units[k] >> 8) & 15],
                         hex[(units[k] >> 4) & 15], hex[units[k] & 15]};
            w_raw(b, e, 6);
        }
    }
    w_raw(b, s + run, n - run);
}

/* JSON string for the truth files: UTF-8 kept as is. */
static void add_json(sc_buf *b, const char *s) { sc_buf_json_str(b, s, strlen(s)); }

/* Latin-1 letters have named entities in DBLP's DTD; the rest are written
 * as numeric references (which need no declaration). */
static const char *const latin1_ent[64] = {
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave",
    "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
    "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
    "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring",
    "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
    "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
    "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml"};

/* XML text: at most 10 bytes out per byte in ("&#1234567;" for 2+ bytes). */
static void w_xml(sc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '&': W_LIT(b, "&amp;"); break;
            case '<': W_LIT(b, "&lt;"); break;
            case '>': W_LIT(b, "&gt;"); break;
            case '"': W_LIT(b, "&quot;"); break;
            default: w_c(b, (char)c);
            }
            i++;
            continue;
        }
        uint32_t cp;
        i += utf8_dec((const unsigned char *)s + i, &cp);
        w_c(b, '&');
        if (cp >= 0xC0 && cp <= 0xFF) {
            w_str(b, latin1_ent[cp - 0xC0]);
        } else {
            w_c(b, '#');
            w_u64(b, cp);
        }
        w_c(b, ';');
    }
}

static void add_xml(sc_buf *b, const char *s, size_t n)
{
    sc_buf_reserve(b, n * 10 + 1);
    w_xml(b, s, n);
}

/* ======================================================================
 * Organisations: picking them, their aliases and domains by year.
 * ====================================================================== */

static int str_valid(const sc_demo_str *s, int y)
{
    return (!s->from || y >= s->from) && (!s->to || y <= s->to);
}

static unsigned org_size_w(unsigned o, int y)
{
    const sc_demo_org *g = &sc_demo_orgs[o];
    if (g->founded && y < g->founded) return 0;
    unsigned w = (unsigned)g->size;
    /* The newest labs grow fast after they start: start small. */
    if (g->founded && y - g->founded < 3) w = w / 2 + 1;
    return w;
}

/* An organisation of one of the given types, weighted by size, not `avoid`,
 * three times likelier in `country` (people mostly move within a country). */
static unsigned pick_org(gen *g, unsigned types, int y, int avoid, const char *country)
{
    unsigned w[64], total = 0;
    for (unsigned o = 0; o < sc_demo_norgs; o++) {
        w[o] = 0;
        if (!(types & (1u << sc_demo_orgs[o].type)) || (int)o == avoid) continue;
        w[o] = org_size_w(o, y);
        const char *c = sc_demo_orgs[o].country; /* two letters: compare them directly */
        if (country && c[0] == country[0] && c[1] == country[1]) w[o] *= 3;
        total += w[o];
    }
    if (!total) return avoid >= 0 ? (unsigned)avoid : 0;
    return pick_weighted(&g->rng, w, sc_demo_norgs, total);
}

#define T_COMPANY (1u << SC_ORG_COMPANY)
#define T_UNI (1u << SC_ORG_UNIVERSITY)
#define T_INST (1u << SC_ORG_INSTITUTE)

/* The aliases (or domains) of an organisation in use in year y, cached
 * per organisation: papers of one year ask for the same year again and again. */
static unsigned valid_strs(gen *g, int dom, unsigned o, int y, const uint8_t **idx)
{
    strcache *c = dom ? &g->dom_cache[o] : &g->alias_cache[o];
    if (c->year != y || !c->n) {
        const sc_demo_str *a = dom ? sc_demo_orgs[o].domains : sc_demo_orgs[o].aliases;
        c->n = 0;
        for (unsigned i = 0; a[i].s && c->n < sizeof c->idx; i++)
            if (str_valid(&a[i], y)) c->idx[c->n++] = (uint8_t)i;
        if (!c->n) c->idx[c->n++] = 0;
        c->year = y;
    }
    *idx = c->idx;
    return c->n;
}

/* The alias a person writes for an organisation in a year: each person has
 * a habit (stable per person and organisation) and sometimes deviates. */
static const ostr *org_alias_s(gen *g, uint32_t p, unsigned o, int y, int deviate)
{
    const uint8_t *valid;
    unsigned nv = valid_strs(g, 0, o, y, &valid);
    uint64_t h = hash3(g->seed, p, o);
    unsigned pick;
    if (deviate) pick = (unsigned)(rng_next(&g->rng) >> 33) % nv;
    else if ((h & 1023) < 400) pick = 0; /* the canonical spelling is the commonest habit */
    else pick = (unsigned)(h >> 10) % nv;
    return &g->als[o][valid[pick]];
}

static const char *org_alias(gen *g, uint32_t p, unsigned o, int y, int deviate)
{
    return org_alias_s(g, p, o, y, deviate)->s;
}

static const char *org_domain(gen *g, uint32_t p, unsigned o, int y)
{
    const uint8_t *valid;
    unsigned nv = valid_strs(g, 1, o, y, &valid);
    uint64_t h = hash3(g->seed ^ 0xD0D0, p, o);
    return sc_demo_orgs[o].domains[valid[(h >> 7) % nv]].s;
}

/* ======================================================================
 * Creating people and careers.
 * ====================================================================== */

/* Names by the country of the PhD school (per mille per culture), a rough
 * picture of who trains where. */
static unsigned pick_culture(gen *g, const char *country)
{
    static const unsigned w_cn[C_N] = {950, 20, 5, 5, 5, 5, 10};
    static const unsigned w_kr[C_N] = {40, 20, 10, 900, 10, 5, 15};
    static const unsigned w_jp[C_N] = {80, 40, 10, 20, 830, 5, 15};
    static const unsigned w_sg[C_N] = {600, 80, 200, 30, 20, 20, 50};
    static const unsigned w_na[C_N] = {300, 345, 150, 25, 20, 60, 100};
    static const unsigned w_eu[C_N] = {150, 530, 80, 10, 10, 80, 140};
    const unsigned *w = w_eu;
#define IS(c) (country[0] == (c)[0] && country[1] == (c)[1])
    if (IS("CN")) w = w_cn;
    else if (IS("KR")) w = w_kr;
    else if (IS("JP")) w = w_jp;
    else if (IS("SG")) w = w_sg;
    else if (IS("US") || IS("CA")) w = w_na;
#undef IS
    return pick_weighted(&g->rng, w, C_N, 1000);
}

static void draw_name(gen *g, pname *nm, unsigned culture)
{
    rng_t *r = &g->rng;
    memset(nm, 0, sizeof *nm);
    nm->culture = (uint8_t)culture;
    nm->c = NONE16;
    switch (culture) {
    case C_CHINESE:
        nm->a = (uint16_t)rng_below(r, NELEM(chn_sur));
        nm->b = (uint16_t)rng_below(r, NELEM(chn_syl));
        if (rng_pm(r, 780)) nm->c = (uint16_t)rng_below(r, NELEM(chn_syl));
        if (rng_pm(r, 250)) nm->style |= NS_HYPHEN;
        if (rng_pm(r, 300)) nm->style |= NS_LOWER2;
        break;
    case C_KOREAN:
        nm->a = (uint16_t)rng_below(r, NELEM(kor_sur));
        nm->b = (uint16_t)rng_below(r, NELEM(kor_syl));
        if (rng_pm(r, 900)) nm->c = (uint16_t)rng_below(r, NELEM(kor_syl));
        if (rng_pm(r, 600)) nm->style |= NS_HYPHEN;
        if (rng_pm(r, 500)) nm->style |= NS_LOWER2;
        break;
    case C_WESTERN:
        nm->a = (uint16_t)rng_below(r, NELEM(west_first));
        /* real surnames twice as likely as generated ones */
        nm->b = (uint16_t)(rng_pm(r, 500) ? rng_below(r, NELEM(west_last))
                                          : rng_below(r, N_WEST_LAST));
        if (rng_pm(r, 300)) nm->mid = (uint8_t)('A' + rng_below(r, 26));
        break;
    case C_INDIAN:
        nm->a = (uint16_t)rng_below(r, NELEM(ind_first));
        nm->b = (uint16_t)rng_below(r, NELEM(ind_last));
        if (rng_pm(r, 150)) nm->mid = (uint8_t)('A' + rng_below(r, 26));
        break;
    case C_JAPANESE:
        /* the common names half the time */
        nm->a = (uint16_t)(rng_pm(r, 500) ? rng_below(r, NELEM(jpn_first)) : rng_below(r, N_JPN_FIRST));
        nm->b = (uint16_t)(rng_pm(r, 500) ? rng_below(r, NELEM(jpn_last)) : rng_below(r, N_JPN_LAST));
        break;
    case C_HISPANIC:
        nm->a = (uint16_t)rng_below(r, NELEM(his_first));
        nm->b = (uint16_t)rng_below(r, NELEM(his_last));
        if (rng_pm(r, 400)) nm->c = (uint16_t)rng_below(r, NELEM(his_last));
        if (rng_pm(r, 100)) nm->mid = (uint8_t)('A' + rng_below(r, 26));
        break;
    default:
        nm->a = (uint16_t)rng_below(r, NELEM(oth_first));
        nm->b = (uint16_t)rng_below(r, NELEM(oth_last));
        if (rng_pm(r, 150)) nm->mid = (uint8_t)('A' + rng_below(r, 26));
        break;
    }
    nm->altmid = (uint8_t)('A' + rng_below(r, 26));
}

static uint64_t name_hash(const pname *nm, unsigned form)
{
    char s[256];
    size_t n = name_build(nm, form, s);
    return sc_hash(s, n);
}

/* Give person i a name: unique when possible, except the planned homonyms
 * (~1.5% copy the name of an earlier person of the same culture, preferring
 * names that are already shared: "Wei Wang" is the classic). */
static void assign_name(gen *g, uint32_t i, unsigned culture)
{
    person *p = &g->P[i];
    rng_t *r = &g->rng;
    int planned = i > 0 && rng_pm(r, 15);
    if (planned) {
        uint32_t src = rng_below(r, i);
        for (int k = 0; k < 8 && g->P[src].nm.culture != culture; k++) src = rng_below(r, i);
        p->nm = g->P[src].nm;
        p->nm.style &= (uint8_t)~(NS_PRONE | NS_ACCENT);
    } else {
        for (int tries = 0;; tries++) {
            draw_name(g, &p->nm, culture);
            /* people with a common name often add a middle initial */
            if (tries >= 3 && !p->nm.mid && culture != C_CHINESE && culture != C_KOREAN &&
                culture != C_JAPANESE)
                p->nm.mid = (uint8_t)('A' + rng_below(r, 26));
            if (tries >= 8 || !ntab_find(&g->names, name_hash(&p->nm, V_CANON), 0)) break;
        }
    }
    /* ~35% of people write their name more than one way. */
    if (rng_pm(r, 350)) p->nm.style |= NS_PRONE;
    {
        char s[256];
        size_t n = name_build(&p->nm, V_CANON, s);
        s[n] = 0;
        if (has_non_ascii(s)) p->nm.style |= NS_ACCENT;
    }

    /* Register every form; link canonical homonyms. */
    unsigned forms = name_forms(&p->nm);
    uint64_t seen[16];
    unsigned nseen = 0;
    p->hnext = i;
    p->hrank = 1;
    p->hsize = 1;
    for (unsigned bit = 0; bit < 16; bit++) {
        if (!(forms & (1u << bit))) continue;
        unsigned form = (bit & 7u) | (bit >= 8 ? FORM_FOLD : 0);
        uint64_t h = name_hash(&p->nm, form);
        int dup = 0;
        for (unsigned k = 0; k < nseen; k++) dup |= seen[k] == h;
        if (dup) continue;
        seen[nseen++] = h;
        size_t before = g->names.n;
        nslot *s = ntab_find(&g->names, h, 1);
        if (g->names.n > before) s->owner = i;
        else if (s->owner != i) s->owner = MULTI;
        if (bit == V_CANON) {
            if (s->canon == NOBODY) {
                s->canon = i;
            } else {
                person *head = &g->P[s->canon];
                p->hnext = head->hnext;
                head->hnext = i;
                p->hrank = ++head->hsize;
                /* DBLP has split ~70% of the homonym groups it holds */
                head->dblp_known = p->dblp_known = (hash3(g->seed, s->canon, 77) % 10) < 7;
            }
        }
    }
}

/* Topic popularity shifts: language and generative models boom after 2017. */
static unsigned pick_topic(gen *g, int y)
{
    static const unsigned before[N_TOPICS] = {24, 14, 11, 11, 11, 7, 12, 10};
    static const unsigned after[N_TOPICS] = {22, 22, 10, 7, 9, 14, 8, 8};
    const unsigned *w = y < 2018 ? before : after;
    unsigned total = 0;
    for (unsigned t = 0; t < N_TOPICS; t++) total += w[t];
    return pick_weighted(&g->rng, w, N_TOPICS, total);
}

/* The faculty in post in year y at each university. People are created in
 * order of PhD start and a new person's faculty stints start years later,
 * so one rebuild per start year is exact. */
static void index_faculty(gen *g, int y)
{
    for (unsigned o = 0; o < sc_demo_norgs; o++) {
        facvec *f = &g->fac[o], *c = &g->cov[o];
        c->n = 0;
        for (size_t k = 0; k < f->n; k++)
            if (f->v[k].from <= y && f->v[k].to >= y) sc_vec_push(c, f->v[k]);
    }
}

/* An advisor at the university: on the student's topic when possible. */
static uint32_t find_advisor(gen *g, unsigned uni, unsigned topic)
{
    facvec *c = &g->cov[uni];
    if (!c->n) return NOBODY;
    for (int k = 0; k < 12; k++) {
        fac_t *e = &c->v[rng_below(&g->rng, (uint32_t)c->n)];
        if (e->t1 == topic || e->t2 == topic) return e->p;
    }
    return c->v[rng_below(&g->rng, (uint32_t)c->n)].p;
}

/* One researcher's whole career, decided up front. The rates are rough
 * figures from the AI-talent literature: most PhDs take 4-6 years; a third
 * stop publishing after the PhD; the share of new AI PhDs going to industry
 * rose from ~20% in the mid-2000s to ~70% by 2020 (AI Index; Ahmed et al.,
 * Science 2023); industry researchers change employer every ~6-9 years on
 * average (a ~11%/year hazard), academics far less often (~4%/year). */
/* The stints of one career (PhD, first job, moves), its internship, its
 * second affiliation. */
static void make_career(gen *g, person *p, unsigned uni, int start)
{
    rng_t *r = &g->rng;
    const char *country = sc_demo_orgs[uni].country;
    p->intern_year = 0;
    p->dual_from = 0;
    int L = 4 + (int)rng_below(r, 3);
    p->org[0] = (uint8_t)uni;
    p->from[0] = (int16_t)start;
    p->nst = 1;
    int phd_end = start + L - 1;
    /* ~15% of PhD students do one industry internship that yields a paper. */
    if (rng_pm(r, 150)) {
        int iy = start + 1 + (int)rng_below(r, (uint32_t)(L - 2));
        unsigned c = pick_org(g, T_COMPANY, iy, -1, NULL);
        if (org_size_w(c, iy)) {
            p->intern_year = (int16_t)iy;
            p->intern_org = (uint8_t)c;
        }
    }
    int horizon = g->y1 + 1;
    if (rng_pm(r, 330)) {
        p->end = (int16_t)phd_end; /* leaves research after the PhD */
    } else {
        int y = phd_end + 1;
        int ind_pm = 200 + (y - 2004) * 30;
        ind_pm = ind_pm < 150 ? 150 : ind_pm > 700 ? 700 : ind_pm;
        unsigned types = rng_pm(r, (unsigned)ind_pm) ? T_COMPANY
                         : rng_pm(r, 750)             ? T_UNI
                                                      : T_INST;
        unsigned o = pick_org(g, types, y, (int)uni, country);
        if (o == uni) { /* nowhere to go that year (very early years) */
            p->end = (int16_t)phd_end;
            return;
        }
        p->org[1] = (uint8_t)o;
        p->from[1] = (int16_t)y;
        p->nst = 2;
        int since = y;
        p->end = ONGOING;
        /* year by year until the range ends: nobody moves or stops within
         * two years of arriving; then ~4%/year (industry) or ~2.5%/year
         * (academia) stop publishing, and some move */
        for (int t = y + 1; t < horizon; t++) {
            int tenure = t - since;
            int ind = !is_academic(p->org[p->nst - 1]);
            if (tenure < 2) continue;
            if (rng_pm(r, ind ? 40 : 25)) { /* stops publishing */
                p->end = (int16_t)(t - 1);
                break;
            }
            /* a first academic job is often a 2-3 year postdoc */
            unsigned move_pm = ind ? 110 : (p->nst == 2 && tenure <= 3 ? 150 : 40);
            if (p->nst < MAXST && rng_pm(r, move_pm)) {
                /* lab to lab mostly stays in industry; academics leave for
                 * industry more and more after the 2012 deep-learning boom */
                unsigned to_ind_pm = ind ? 700 : (unsigned)(300 + (t > 2012 ? (t - 2012) * 15 : 0));
                unsigned ty = rng_pm(r, to_ind_pm) ? T_COMPANY : rng_pm(r, 750) ? T_UNI : T_INST;
                unsigned cur = p->org[p->nst - 1];
                unsigned dest = pick_org(g, ty, t, (int)cur, sc_demo_orgs[cur].country);
                if (dest == cur) continue;
                p->org[p->nst] = (uint8_t)dest;
                p->from[p->nst] = (int16_t)t;
                p->nst++;
                since = t;
            }
        }
    }
    /* ~8% of academics hold a second affiliation for a while (Tsinghua+BAAI,
     * Stanford University and Google, Toronto and Vector). */
    for (int s = 1; s < p->nst; s++) {
        unsigned o = p->org[s];
        if (sc_demo_orgs[o].type != SC_ORG_UNIVERSITY) continue;
        int to = stint_to(p, s);
        if (to - p->from[s] < 2 || !rng_pm(r, 80)) continue;
        int df = p->from[s] + (int)rng_below(r, 2);
        unsigned sec = rng_pm(r, 500) ? pick_org(g, T_INST, df, (int)o, sc_demo_orgs[o].country)
                                      : pick_org(g, T_COMPANY, df, (int)o, sc_demo_orgs[o].country);
        /* a foreign institute is implausible: fall back to a company */
        if (sc_demo_orgs[sec].type == SC_ORG_INSTITUTE &&
            strcmp(sc_demo_orgs[sec].country, sc_demo_orgs[o].country) != 0)
            sec = pick_org(g, T_COMPANY, df, (int)o, sc_demo_orgs[o].country);
        if (sec == o || !org_size_w(sec, df)) continue;
        p->dual_org = (uint8_t)sec;
        p->dual_stint = (uint8_t)s;
        p->dual_from = (int16_t)df;
        p->dual_sep = (uint8_t)rng_below(r, 4);
        break;
    }
}

static void make_person(gen *g, uint32_t i, int start)
{
    person *p = &g->P[i];
    rng_t *r = &g->rng;
    memset(p, 0, sizeof *p);
    p->advisor = NOBODY;
    for (int k = 0; k < 4; k++) p->collab[k] = NOBODY;
    p->t2 = 0xFF;

    unsigned uni = pick_org(g, T_UNI, start, -1, NULL);
    unsigned culture = pick_culture(g, sc_demo_orgs[uni].country);
    p->t1 = (uint8_t)pick_topic(g, start);
    p->advisor = find_advisor(g, uni, p->t1);
    if (p->advisor != NOBODY && rng_pm(r, 400) && g->P[p->advisor].t1 != p->t1)
        p->t1 = g->P[p->advisor].t1;
    if (rng_pm(r, 500)) {
        unsigned t2 = pick_topic(g, start);
        if (t2 != p->t1) p->t2 = (uint8_t)t2;
    }
    /* Productivity: most people 1-2, a few prolific (stars write 4-6x more). */
    static const unsigned prod_w[6] = {380, 300, 160, 90, 50, 20};
    p->prod = (uint8_t)(1 + pick_weighted(r, prod_w, 6, 1000));
    /* The researchers of the demo are the ones the range can see: a career
     * that ended before the first year is drawn again (conditioning on
     * survival, not changing the rates). */
    for (int tries = 0; tries < 32; tries++) {
        make_career(g, p, uni, start);
        if (p->end >= g->y0) break;
    }
    if (p->end < g->y0) p->end = (int16_t)g->y0; /* cannot happen with start >= y0 - 14 */
    assign_name(g, i, culture);

    /* Academic stints at universities make advisors for later students. */
    for (int s = 1; s < p->nst; s++) {
        if (sc_demo_orgs[p->org[s]].type != SC_ORG_UNIVERSITY) continue;
        fac_t f = {i, p->from[s], (int16_t)SC_MIN(stint_to(p, s), INT16_MAX), p->t1, p->t2};
        sc_vec_push(&g->fac[p->org[s]], f);
    }
}

/* ======================================================================
 * Papers.
 * ====================================================================== */

static inline int active_stint(const person *p, int y)
{
    if (y < p->from[0] || y > p->end) return -1;
    int s = p->nst - 1;
    while (s > 0 && p->from[s] > y) s--;
    return s;
}

/* Build this year's activity index: the alive list (people who have
 * started and not ended: the only ones worth visiting), cur[] and the
 * (topic, org) buckets. */
static void index_year(gen *g, int y)
{
    unsigned nb = N_TOPICS * sc_demo_norgs;
    uint32_t k = 0;
    for (uint32_t j = 0; j < g->nalive; j++) {
        uint32_t i = g->alive[j];
        if (g->P[i].end >= y) g->alive[k++] = i;
        else g->cur[i] = -1;
    }
    /* people are numbered in order of PhD start: the new ones come last */
    while (g->next_start < g->np && g->P[g->next_start].from[0] <= y) {
        if (g->P[g->next_start].end >= y) g->alive[k++] = g->next_start;
        g->next_start++;
    }
    g->nalive = k;
    memset(g->bstart, 0, (nb + 1) * sizeof *g->bstart);
    for (uint32_t j = 0; j < g->nalive; j++) {
        uint32_t i = g->alive[j];
        person *p = &g->P[i];
        int s = active_stint(p, y);
        g->cur[i] = (int8_t)s;
        g->bstart[p->t1 * sc_demo_norgs + p->org[s] + 1]++;
        if (p->t2 != 0xFF) g->bstart[p->t2 * sc_demo_norgs + p->org[s] + 1]++;
    }
    for (unsigned t = 0; t < nb; t++) g->bstart[t + 1] += g->bstart[t];
    uint32_t fill[N_TOPICS * 64];
    memcpy(fill, g->bstart, nb * sizeof *fill);
    for (uint32_t j = 0; j < g->nalive; j++) {
        uint32_t i = g->alive[j];
        const person *p = &g->P[i];
        int s = g->cur[i];
        g->bucket[fill[p->t1 * sc_demo_norgs + p->org[s]]++] = i;
        if (p->t2 != 0xFF) g->bucket[fill[p->t2 * sc_demo_norgs + p->org[s]]++] = i;
    }
}

/* How much a person leads papers this year (relative), by career stage. */
static unsigned lead_weight(const person *p, int s, int y)
{
    unsigned w;
    if (s == 0) {
        int k = y - p->from[0];
        w = k == 0 ? 2 : k == 1 ? 5 : 8; /* students publish more as they go */
    } else {
        int since_phd = y - p->from[1];
        w = since_phd < 4 ? 6 : 4;       /* seniors co-author more than they lead */
        if (y == p->from[s]) w *= 2;     /* the first paper at a new place */
    }
    return w * p->prod;
}

/* Papers a person must lead this year so that every stint and internship
 * inside the range leaves at least one trace (otherwise a true move could
 * not be seen at all, and the truth would promise the impossible). */
static unsigned forced_leads(gen *g, const person *p, int s, int y)
{
    unsigned k = 0;
    int last = SC_MIN(stint_to(p, s), g->y1);
    if (y == last && p->nauth[s] == 0) k++;
    if (p->intern_year == y && !p->intern_done) k++;
    return k;
}

/* Authors per paper (per mille for 1..10): mean ~3.6, as in ML venues of
 * the last decade (the long tail of 10+ author papers is cut). */
static const unsigned nauth_w[10] = {65, 180, 280, 235, 125, 55, 27, 18, 10, 5};

static int in_list(const uint32_t *a, unsigned n, uint32_t x)
{
    for (unsigned i = 0; i < n; i++)
        if (a[i] == x) return 1;
    return 0;
}

static uint32_t from_bucket(gen *g, unsigned topic, unsigned org)
{
    unsigned k = topic * sc_demo_norgs + org;
    uint32_t a = g->bstart[k], b = g->bstart[k + 1];
    if (a == b) return NOBODY;
    return g->bucket[a + rng_below(&g->rng, b - a)];
}

static uint32_t from_topic(gen *g, unsigned topic)
{
    uint32_t a = g->bstart[topic * sc_demo_norgs], b = g->bstart[(topic + 1) * sc_demo_norgs];
    if (a == b) return NOBODY;
    return g->bucket[a + rng_below(&g->rng, b - a)];
}

static void add_collab(person *p, uint32_t q)
{
    for (int k = 0; k < 4; k++)
        if (p->collab[k] == q) return;
    p->collab[p->collab_cur] = q;
    p->collab_cur = (uint8_t)((p->collab_cur + 1) & 3);
}

/* Lower-case a title phrase for running text: "Neural Radiance Fields" ->
 * "neural radiance fields", but "SLAM", "3D", "ImageNet" stay. */
static char *lower_phrase(const char *s)
{
    sc_buf t = {0};
    sc_buf_reserve(&t, strlen(s) + 1);
    sc_buf *b = &t;
    int word_start = 1;
    for (; *s; s++) {
        char c = *s;
        if (word_start && c >= 'A' && c <= 'Z' && s[1] >= 'a' && s[1] <= 'z') {
            int all_lower = 1;
            for (const char *q = s + 1; *q && *q != ' ' && *q != '-'; q++)
                if (*q >= 'A' && *q <= 'Z') all_lower = 0;
            if (all_lower) c = (char)(c - 'A' + 'a');
        }
        w_c(b, c);
        word_start = (c == ' ' || c == '-');
    }
    b->p[b->n] = 0;
    return b->p;
}

/* The tables the hot loop reads: escaped aliases, lengths, lower-cased
 * words. */
static void gen_tables(gen *g)
{
    for (unsigned o = 0; o < sc_demo_norgs; o++) {
        const sc_demo_str *a = sc_demo_orgs[o].aliases;
        unsigned n = 0;
        while (a[n].s) n++;
        g->als[o] = sc_xcalloc(n, sizeof(ostr));
        for (unsigned i = 0; i < n; i++) {
            ostr *x = &g->als[o][i];
            sc_buf t = {0};
            size_t len = strlen(a[i].s);
            sc_buf_reserve(&t, len * 6 + 1);
            w_json_ascii(&t, a[i].s, len);
            t.p[t.n] = 0;
            x->s = a[i].s;
            x->n = (uint16_t)len;
            x->esc = t.p;
            x->esc_n = (uint16_t)t.n;
        }
        g->org_name_n[o] = (uint16_t)strlen(sc_demo_orgs[o].name);
    }
    for (unsigned t = 0; t < N_TOPICS; t++) {
        for (unsigned i = 0; i < topics[t].ntask && i < 16; i++)
            g->lc[t][0][i] = lower_phrase(topics[t].task[i]);
        for (unsigned i = 0; i < topics[t].nmethod && i < 16; i++)
            g->lc[t][1][i] = lower_phrase(topics[t].method[i]);
    }
    for (unsigned i = 0; i < NELEM(adjectives); i++) g->adj_lc[i] = lower_phrase(adjectives[i]);
}

static void gen_tables_free(gen *g)
{
    for (unsigned o = 0; o < sc_demo_norgs; o++) {
        if (!g->als[o]) continue;
        for (unsigned i = 0; sc_demo_orgs[o].aliases[i].s; i++) free(g->als[o][i].esc);
        free(g->als[o]);
    }
    for (unsigned t = 0; t < N_TOPICS; t++)
        for (unsigned k = 0; k < 2; k++)
            for (unsigned i = 0; i < 16; i++) free(g->lc[t][k][i]);
    for (unsigned i = 0; i < 32; i++) free(g->adj_lc[i]);
}

typedef struct {
    const char *task, *method, *data, *adj;
    const char *task_lc, *method_lc, *adj_lc;
} words_t;

/* Title and abstract from the topic's words (both well under 1 KiB). */
static void make_text(gen *g, unsigned topic, sc_buf *t, sc_buf *a, words_t *w)
{
    rng_t *r = &g->rng;
    const topic_t *tp = &topics[topic];
    unsigned ti = rng_below(r, tp->ntask), mi = rng_below(r, tp->nmethod);
    unsigned ai;
    w->task = tp->task[ti];
    w->method = tp->method[mi];
    w->data = tp->data[rng_below(r, tp->ndata)];
    ai = rng_below(r, NELEM(adjectives));
    w->adj = adjectives[ai];
    w->task_lc = g->lc[topic][0][ti];
    w->method_lc = g->lc[topic][1][mi];
    w->adj_lc = g->adj_lc[ai];
    t->n = 0;
    sc_buf_reserve(t, 1024);
    switch (rng_below(r, 8)) {
    case 0: w_str(t, w->adj); w_c(t, ' '); w_str(t, w->method); W_LIT(t, " for "); w_str(t, w->task); break;
    case 1: W_LIT(t, "Towards "); w_str(t, w->adj); w_c(t, ' '); w_str(t, w->task); break;
    case 2: w_str(t, w->task); W_LIT(t, " with "); w_str(t, w->method); break;
    case 3: w_str(t, w->task); W_LIT(t, " via "); w_str(t, w->adj); w_c(t, ' '); w_str(t, w->method); break;
    case 4: W_LIT(t, "On the "); w_str(t, nouns[rng_below(r, NELEM(nouns))]); W_LIT(t, " of "); w_str(t, w->method); break;
    case 5: W_LIT(t, "Rethinking "); w_str(t, w->method); W_LIT(t, " for "); w_str(t, w->task); break;
    case 6: {
        unsigned n = 3 + rng_below(r, 3);
        for (unsigned k = 0; k < n; k++) w_c(t, (char)('A' + rng_below(r, 26)));
        W_LIT(t, ": ");
        w_str(t, w->adj); w_c(t, ' '); w_str(t, w->method); W_LIT(t, " for "); w_str(t, w->task);
        break;
    }
    default: w_str(t, w->adj); w_c(t, ' '); w_str(t, w->task); W_LIT(t, " with "); w_str(t, w->method); break;
    }
    a->n = 0;
    sc_buf_reserve(a, 1024);
    W_LIT(a, "We study ");
    w_str(a, w->task_lc);
    if (strchr("AEIOU", w->adj[0])) W_LIT(a, ". We propose an ");
    else W_LIT(a, ". We propose a ");
    w_str(a, w->adj_lc);
    W_LIT(a, " approach based on ");
    w_str(a, w->method_lc);
    W_LIT(a, " that ");
    w_str(a, verbs[rng_below(r, NELEM(verbs))]);
    W_LIT(a, ", and show on ");
    w_str(a, w->data);
    W_LIT(a, " that it ");
    w_str(a, results[rng_below(r, NELEM(results))]);
    w_c(a, '.');
}

/* Citations: heavy-tailed (Pareto, alpha = 1), growing with age. */
static uint64_t draw_citations(gen *g, int y)
{
    uint64_t age = (uint64_t)(g->y1 - y) + 1;
    uint64_t v = (rng_next(&g->rng) >> 40) + 1; /* 1 .. 2^24 */
    uint64_t x = (age << 24) / v;
    x -= age;
    return x > 60000 ? 60000 : x;
}

#define MAX_AUTHORS 10
typedef struct {
    unsigned org;      /* canonical organisation of this authorship */
    unsigned form;     /* name form written */
    int intern, dual, missing;
    unsigned dual_org;
    const ostr *al, *al2; /* affiliation: al, or "al SEP al2" when dual */
    const char *sep;
    size_t name_n;
    const char *domain;
    char name[256];
} auth_t;

/* Dual affiliations as the real lists join them ("ETH Zurich+Microsoft",
 * "Man AHL, London, UK + University of Oxford", "... and ..."). */
static const char *const dual_seps[4] = {" and ", "+", " & ", " + "};

static void w_person_id(gen *g, sc_buf *b, uint32_t i)
{
    w_c(b, 'P');
    w_u64w(b, i, (int)g->id_digits);
}

static int vfile_open(gen *g, unsigned v, int y)
{
    vfile *f = &g->vf[v];
    char path[4096];
    if (!g->venue_dir_made[v]) {
        snprintf(path, sizeof path, "%s/sources/%s", g->out, venues[v].key);
        if (mkdir_p(g, path)) return g->err->code;
        g->venue_dir_made[v] = 1;
    }
    snprintf(path, sizeof path, "%s/sources/%s/%s%d.json", g->out, venues[v].key, venues[v].key, y);
    if (of_open(g, &f->of, path)) return g->err->code;
    f->open = 1;
    of_add(g, &f->of, "[\n", 2);
    return SC_OK;
}

static void vfile_close(gen *g, unsigned v)
{
    vfile *f = &g->vf[v];
    if (!f->open) return;
    of_add(g, &f->of, "\n]\n", 3);
    of_close(g, &f->of);
    f->open = 0;
}

static unsigned pick_venue(gen *g, unsigned topic, int y)
{
    unsigned w[NELEM(venues)], total = 0;
    for (unsigned v = 0; v < N_VENUES; v++) {
        w[v] = venue_held(&venues[v], y) ? topic_venue_w[topic][v] : 0;
        total += w[v];
    }
    if (!total) { /* none of the topic's venues held: any venue held this year */
        for (unsigned v = 0; v < N_VENUES; v++) {
            w[v] = venue_held(&venues[v], y) ? 1 : 0;
            total += w[v];
        }
        if (!total) return 0;
    }
    return pick_weighted(&g->rng, w, N_VENUES, total);
}

/* The co-authors of a paper led by L: the advisor (for students, as last
 * author), recent collaborators, people at the same organisation on the
 * same topic, sometimes on another topic, sometimes anywhere on the topic.
 * Returns the number of authors, lead first. */
static unsigned pick_authors(gen *g, uint32_t lead, unsigned topic, unsigned lorg, int intern,
                             uint32_t *who)
{
    rng_t *r = &g->rng;
    const person *L = &g->P[lead];
    unsigned n = 1 + pick_weighted(r, nauth_w, MAX_AUTHORS, 1000), k = 1;
    who[0] = lead;
    uint32_t adv = NOBODY;
    if (g->cur[lead] == 0 && L->advisor != NOBODY && g->cur[L->advisor] >= 0 && n > 1 &&
        rng_pm(r, intern ? 400 : 850))
        adv = L->advisor;
    unsigned want = n - (adv != NOBODY ? 1 : 0);
    for (unsigned slot = 1; slot < want; slot++) {
        uint32_t q = NOBODY;
        for (int attempt = 0; attempt < 3 && q == NOBODY; attempt++) {
            unsigned x = rng_below(r, 1000);
            if (x < 300) {
                q = L->collab[rng_below(r, 4)];
                if (q != NOBODY && g->cur[q] < 0) q = NOBODY;
            } else if (x < 750) {
                q = from_bucket(g, topic, lorg);
            } else if (x < 850) {
                q = from_bucket(g, rng_below(r, N_TOPICS), lorg);
            } else {
                q = from_topic(g, topic);
            }
            if (q != NOBODY && (q == adv || in_list(who, k, q))) q = NOBODY;
        }
        if (q != NOBODY) who[k++] = q;
    }
    if (adv != NOBODY) who[k++] = adv;
    return k;
}

/* How author q is written on a paper of venue V in year y: name form,
 * affiliation string (habit, deviation, dual, missing), e-mail domain. */
static void write_as(gen *g, uint32_t q, int intern, const venue_t *V, int y, auth_t *a)
{
    rng_t *r = &g->rng;
    person *Q = &g->P[q];
    int s = g->cur[q];
    a->intern = intern;
    a->org = intern ? Q->intern_org : Q->org[s];
    a->dual = 0;
    a->dual_org = 0;
    unsigned form = V_CANON;
    if (Q->nm.style & NS_PRONE && rng_pm(r, 300)) {
        unsigned kinds[4], nk = name_kinds(&Q->nm, kinds);
        if (nk) form = kinds[rng_below(r, nk)];
    }
    if (Q->nm.style & NS_ACCENT && rng_pm(r, 250)) form |= FORM_FOLD;
    a->form = form;
    a->name_n = name_build(&Q->nm, form, a->name);
    a->name[a->name_n] = 0;

    int deviate = rng_pm(r, 150);
    a->missing = rng_pm(r, (V->cvf && y < 2018) ? 400 : 70);
    a->al = org_alias_s(g, q, a->org, y, deviate);
    a->al2 = NULL;
    if (!intern && Q->dual_from && s == Q->dual_stint && y >= Q->dual_from && rng_pm(r, 750)) {
        a->sep = dual_seps[Q->dual_sep];
        a->al2 = org_alias_s(g, q, Q->dual_org, y, 0);
        a->dual = 1;
        a->dual_org = Q->dual_org;
    }
    /* e-mail domain on ~60% of authorships (the venue's dom_pm); ~5% of
     * them a webmail domain that says nothing about the organisation */
    a->domain = "";
    if (rng_below(r, 1000) < (unsigned)V->dom_pm * 4) {
        if (rng_pm(r, 50))
            a->domain = (!strcmp(sc_demo_orgs[a->org].country, "CN") && rng_pm(r, 500)) ? "163.com"
                                                                                      : "gmail.com";
        else
            a->domain = org_domain(g, q, a->org, y);
    }
    /* bookkeeping for the truth */
    Q->used_forms |= (uint16_t)FORM_BIT(form);
    Q->total_auth++;
    if (intern) {
        Q->intern_done = 1;
    } else {
        if (Q->nauth[s] < UINT16_MAX) Q->nauth[s]++;
        if (!Q->first_at[s]) Q->first_at[s] = (int16_t)y;
    }
}

/* Write one paper led by person `lead` in year y. */
static void make_paper(gen *g, uint32_t lead, int y, int intern)
{
    rng_t *r = &g->rng;
    person *L = &g->P[lead];
    unsigned topic = (L->t2 != 0xFF && rng_pm(r, 300)) ? L->t2 : L->t1;
    unsigned lorg = intern ? L->intern_org : L->org[g->cur[lead]];
    uint32_t who[MAX_AUTHORS];
    unsigned n = pick_authors(g, lead, topic, lorg, intern, who);

    words_t w;
    sc_buf *title = &g->scratch, *abstract = &g->abs;
    make_text(g, topic, title, abstract, &w);
    unsigned v = pick_venue(g, topic, y);
    const venue_t *V = &venues[v];
    unsigned st = rng_below(r, 1000);
    const char *status = st < 50 ? "Oral" : (V->spotlight && st < 170) ? "Spotlight" : "Poster";
    uint64_t cites = draw_citations(g, y);
    uint32_t pg = 1 + rng_below(r, 9000), pg_n = 8 + rng_below(r, 4);

    auth_t A[MAX_AUTHORS];
    for (unsigned i = 0; i < n; i++) write_as(g, who[i], i == 0 && intern, V, y, &A[i]);
    for (unsigned i = 1; i < n; i++) {
        add_collab(L, who[i]);
        add_collab(&g->P[who[i]], lead);
    }

    vfile *F = &g->vf[v];
    if (!F->open && g->write_pl && vfile_open(g, v, y)) return;
    char pid[96];
    size_t pid_n;
    {
        sc_buf t = {pid, 0, sizeof pid}; /* w_* never grow: 96 bytes are plenty */
        W_LIT(&t, "demo-");
        w_str(&t, V->key);
        w_u64(&t, (uint64_t)y);
        w_c(&t, '-');
        w_u64w(&t, F->count, 6);
        pid_n = t.n;
    }
    F->count++;
    g->res.papers++;
    g->res.authorships += n;

    /* --- paperlists JSON (< 10 x (256 + 256) x 6 + 3 KiB: within REC_MAX) --- */
    if (g->write_pl) {
        sc_buf *b = of_rec(g, &F->of);
        if (F->count > 1) W_LIT(b, ",\n");
        W_LIT(b, "    {\n        \"id\": \"");
        w_raw(b, pid, pid_n);
        W_LIT(b, "\",\n        \"title\": \"");
        /* the vocabulary is plain ASCII without '"' or '\\': no escaping */
        w_raw(b, title->p, title->n);
        W_LIT(b, "\",\n        \"status\": \"");
        w_str(b, status);
        W_LIT(b, "\",\n        \"track\": \"main\",\n        \"author\": \"");
        for (unsigned i = 0; i < n; i++) {
            if (i) w_str(b, V->author_sep);
            w_json_ascii(b, A[i].name, A[i].name_n);
        }
        W_LIT(b, "\",\n        \"abstract\": \"");
        w_raw(b, abstract->p, abstract->n);
        W_LIT(b, "\",\n        \"keywords\": \"");
        w_str(b, w.task_lc);
        w_c(b, ';');
        w_str(b, w.method_lc);
        w_c(b, ';');
        w_str(b, topics[topic].field);
        W_LIT(b, "\",\n        \"gs_citation\": ");
        if (V->cit_string) w_c(b, '"');
        w_u64(b, cites);
        if (V->cit_string) w_c(b, '"');
        W_LIT(b, ",\n        \"aff\": \"");
        for (unsigned i = 0; i < n; i++) {
            if (i) w_str(b, V->aff_sep);
            if (A[i].missing) continue;
            w_raw(b, A[i].al->esc, A[i].al->esc_n);
            if (A[i].al2) {
                w_str(b, A[i].sep);
                w_raw(b, A[i].al2->esc, A[i].al2->esc_n);
            }
        }
        W_LIT(b, "\",\n        \"aff_domain\": \"");
        for (unsigned i = 0; i < n; i++) {
            if (i) w_c(b, ';');
            w_str(b, A[i].domain[0] ? A[i].domain : V->empty_dom);
        }
        W_LIT(b, "\",\n        \"author_num\": ");
        w_u64(b, n);
        W_LIT(b, "\n    }");
    }

    /* --- DBLP XML (< 10 x 256 x 10 + 3 KiB) --- */
    if (g->write_dblp) {
        sc_buf *b = of_rec(g, &g->dblp);
        W_LIT(b, "<inproceedings mdate=\"2024-12-01\" key=\"conf/");
        w_str(b, V->key);
        w_c(b, '/');
        w_raw(b, pid, pid_n);
        W_LIT(b, "\">\n");
        for (unsigned i = 0; i < n; i++) {
            W_LIT(b, "<author>");
            w_xml(b, A[i].name, A[i].name_n);
            /* DBLP writes the homonyms it has split with a number */
            const person *Q = &g->P[who[i]];
            if (Q->dblp_known) {
                w_c(b, ' ');
                w_u64w(b, Q->hrank, 4);
            }
            W_LIT(b, "</author>\n");
        }
        W_LIT(b, "<title>");
        w_xml(b, title->p, title->n);
        W_LIT(b, ".</title>\n<pages>");
        w_u64(b, pg);
        w_c(b, '-');
        w_u64(b, pg + pg_n);
        W_LIT(b, "</pages>\n<year>");
        w_u64(b, (uint64_t)y);
        W_LIT(b, "</year>\n<booktitle>");
        w_str(b, (v == 0 && y >= 2018) ? "NeurIPS" : V->booktitle);
        W_LIT(b, "</booktitle>\n<ee>https://demo.invalid/");
        w_raw(b, pid, pid_n);
        W_LIT(b, "</ee>\n<crossref>conf/");
        w_str(b, V->key);
        w_c(b, '/');
        w_u64(b, (uint64_t)y);
        W_LIT(b, "</crossref>\n</inproceedings>\n");
    }

    /* --- truth: one line per authorship (< 10 x 700 bytes) --- */
    sc_buf *b = of_rec(g, &g->tsv);
    for (unsigned i = 0; i < n; i++) {
        w_raw(b, pid, pid_n);
        w_c(b, '\t');
        w_u64(b, i + 1);
        w_c(b, '\t');
        w_person_id(g, b, who[i]);
        w_c(b, '\t');
        w_raw(b, sc_demo_orgs[A[i].org].name, g->org_name_n[A[i].org]);
        w_c(b, '\t');
        if (g->write_pl && !A[i].missing) {
            w_raw(b, A[i].al->s, A[i].al->n);
            if (A[i].al2) {
                w_str(b, A[i].sep);
                w_raw(b, A[i].al2->s, A[i].al2->n);
            }
        }
        w_raw(b, A[i].intern ? "\t1\t" : "\t0\t", 3);
        if (A[i].dual) {
            W_LIT(b, "1\t");
            w_str(b, sc_demo_orgs[A[i].dual_org].name);
        } else {
            W_LIT(b, "0\t");
        }
        w_c(b, '\n');
    }
}

/* ======================================================================
 * The year loop.
 * ====================================================================== */

/* Papers per year grow ~12% a year (the growth of the big ML venues over
 * 2008-2024); the total is ~2 papers per person, which at 3.5M people gives
 * the ~7M papers of the whole DBLP. */
#define PAPERS_PER_PERSON_X10 20
#define GROWTH_PCT 112

static uint64_t *year_targets(gen *g)
{
    int ny = g->y1 - g->y0 + 1;
    uint64_t *w = sc_xcalloc((size_t)ny, sizeof *w), *t = sc_xcalloc((size_t)ny, sizeof *t);
    uint64_t sum = 0, cum = 0, prev = 0;
    uint64_t total = (uint64_t)g->np * PAPERS_PER_PERSON_X10 / 10;
    for (int i = 0; i < ny; i++) {
        w[i] = i ? w[i - 1] * GROWTH_PCT / 100 : 1000;
        if (w[i] > (1ull << 28)) w[i] = 1ull << 28; /* long ranges: stop growing (and no overflow) */
        sum += w[i];
    }
    for (int i = 0; i < ny; i++) {
        cum += w[i];
        uint64_t upto = total * cum / sum; /* < 2^27 * 2^36: fits */
        t[i] = upto - prev;
        prev = upto;
    }
    free(w);
    return t;
}

static void lead_papers(gen *g, uint32_t i, int y, unsigned k)
{
    person *p = &g->P[i];
    for (unsigned j = 0; j < k && !g->failed; j++) {
        make_paper(g, i, y, p->intern_year == y && !p->intern_done);
        g->papers_done++;
    }
    if (g->papers_done >= g->next_progress) {
        progress(g, g->papers_done, SC_MAX(g->papers_done, g->papers_target), "papers");
        g->next_progress = g->papers_done + 65536;
    }
}

/* One year: first the papers that must exist (internships; the last chance
 * for a stint to leave a trace), then the rest of the year's target shared
 * out by lead weight, so that the totals stay on target exactly. */
static void run_year(gen *g, int y, uint64_t target)
{
    index_year(g, y);
    /* paper numbers restart each year whichever formats are written */
    for (unsigned v = 0; v < N_VENUES; v++) g->vf[v].count = 0;
    uint64_t before = g->res.papers;
    for (uint32_t j = 0; j < g->nalive && !g->failed; j++) {
        uint32_t i = g->alive[j];
        lead_papers(g, i, y, forced_leads(g, &g->P[i], g->cur[i], y));
    }
    uint64_t forced = g->res.papers - before, W = 0;
    for (uint32_t j = 0; j < g->nalive; j++) {
        uint32_t i = g->alive[j];
        W += lead_weight(&g->P[i], g->cur[i], y);
    }
    uint64_t R = target > forced ? target - forced : 0;
    for (uint32_t j = 0; j < g->nalive && !g->failed && W; j++) {
        uint32_t i = g->alive[j];
        /* expected share R*w/W in 40.24 fixed point, rounded at random */
        uint64_t num = (R * lead_weight(&g->P[i], g->cur[i], y) << 24) / W;
        unsigned k = (unsigned)(num >> 24);
        if ((rng_next(&g->rng) >> 40) < (num & 0xFFFFFF)) k++;
        lead_papers(g, i, y, k);
    }
    for (unsigned v = 0; v < N_VENUES; v++) vfile_close(g, v);
}

/* ======================================================================
 * Truth files.
 * ====================================================================== */

static const char *role_name(const person *p, int s)
{
    if (s == 0) return "phd";
    return is_academic(p->org[s]) ? "academic" : "industry";
}

/* A JSON string with its quotes, UTF-8 kept (truth files). */
static void w_jstr(sc_buf *b, const char *s, size_t n) { sc_buf_json_str(b, s, n); }

static void w_org(gen *g, sc_buf *b, unsigned o)
{
    w_jstr(b, sc_demo_orgs[o].name, g->org_name_n[o]);
}

static void w_year_or_null(sc_buf *b, int y)
{
    if (y == ONGOING) W_LIT(b, "null");
    else w_u64(b, (uint64_t)y);
}

static void w_person_ref(gen *g, sc_buf *b, uint32_t i)
{
    w_c(b, '"');
    w_person_id(g, b, i);
    w_c(b, '"');
}

/* One line per person: everything the demo knows about them. Written
 * straight into the file's buffer; each bounded piece reserves its room. */
static void write_people(gen *g, ofile *o)
{
    char nm[256];
    /* Homonym groups as contiguous member lists (ascending ids): walking
     * each person's ring would cost a cache miss per member per member. */
    uint32_t *head = sc_xmalloc((size_t)g->np * sizeof *head);
    uint32_t *off = sc_xcalloc((size_t)g->np + 1, sizeof *off);
    uint32_t *mem;
    for (uint32_t i = 0; i < g->np; i++) head[i] = i;
    for (uint32_t i = 0; i < g->np; i++) {
        if (g->P[i].hrank != 1 || g->P[i].hnext == i) continue;
        for (uint32_t q = g->P[i].hnext; q != i; q = g->P[q].hnext) head[q] = i;
    }
    for (uint32_t i = 0; i < g->np; i++) off[head[i] + 1]++;
    for (uint32_t i = 0; i < g->np; i++) off[i + 1] += off[i];
    mem = sc_xmalloc((size_t)g->np * sizeof *mem);
    {
        uint32_t *fill = sc_xmalloc((size_t)g->np * sizeof *fill);
        memcpy(fill, off, (size_t)g->np * sizeof *fill);
        for (uint32_t i = 0; i < g->np; i++) mem[fill[head[i]]++] = i;
        free(fill);
    }
    for (uint32_t i = 0; i < g->np && !g->failed; i++) {
        const person *p = &g->P[i];
        sc_buf *b = of_rec(g, o); /* the fixed part: < 16 KiB */
        W_LIT(b, "{\"person_id\":");
        w_person_ref(g, b, i);
        size_t n = name_build(&p->nm, V_CANON, nm);
        W_LIT(b, ",\"name\":");
        w_jstr(b, nm, n);
        /* every distinct string written on a paper */
        W_LIT(b, ",\"variants\":[");
        uint64_t seen[16];
        unsigned nseen = 0;
        for (unsigned bit = 0; bit < 16; bit++) {
            if (!(p->used_forms & (1u << bit))) continue;
            n = name_build(&p->nm, (bit & 7u) | (bit >= 8 ? FORM_FOLD : 0), nm);
            uint64_t h = sc_hash(nm, n);
            int dup = 0;
            for (unsigned k = 0; k < nseen; k++) dup |= seen[k] == h;
            if (dup) continue;
            if (nseen) w_c(b, ',');
            seen[nseen++] = h;
            w_jstr(b, nm, n);
        }
        W_LIT(b, "],\"topics\":[\"");
        w_str(b, topics[p->t1].name);
        if (p->t2 != 0xFF) {
            W_LIT(b, "\",\"");
            w_str(b, topics[p->t2].name);
        }
        W_LIT(b, "\"],\"advisor\":");
        if (p->advisor == NOBODY) W_LIT(b, "null");
        else w_person_ref(g, b, p->advisor);
        W_LIT(b, ",\"career\":[");
        for (int s = 0; s < p->nst; s++) {
            if (s) w_c(b, ',');
            W_LIT(b, "{\"org\":");
            w_org(g, b, p->org[s]);
            W_LIT(b, ",\"from\":");
            w_u64(b, (uint64_t)p->from[s]);
            W_LIT(b, ",\"to\":");
            w_year_or_null(b, stint_to(p, s));
            W_LIT(b, ",\"role\":\"");
            w_str(b, role_name(p, s));
            W_LIT(b, "\",\"authorships\":");
            w_u64(b, p->nauth[s]);
            w_c(b, '}');
        }
        W_LIT(b, "],\"internships\":[");
        if (p->intern_done) {
            W_LIT(b, "{\"org\":");
            w_org(g, b, p->intern_org);
            W_LIT(b, ",\"year\":");
            w_u64(b, (uint64_t)p->intern_year);
            w_c(b, '}');
        }
        W_LIT(b, "],\"dual\":[");
        if (p->dual_from) {
            W_LIT(b, "{\"org\":");
            w_org(g, b, p->org[p->dual_stint]);
            W_LIT(b, ",\"with\":");
            w_org(g, b, p->dual_org);
            W_LIT(b, ",\"from\":");
            w_u64(b, (uint64_t)p->dual_from);
            W_LIT(b, ",\"to\":");
            w_year_or_null(b, stint_to(p, p->dual_stint));
            w_c(b, '}');
        }
        W_LIT(b, "],\"homonym_of\":[");
        /* a group can be large at DBLP scale: room is checked per member */
        int first = 1;
        for (uint32_t k = off[head[i]]; k < off[head[i] + 1]; k++) {
            if (mem[k] == i) continue;
            b = of_rec(g, o);
            if (!first) w_c(b, ',');
            first = 0;
            w_person_ref(g, b, mem[k]);
        }
        b = of_rec(g, o);
        W_LIT(b, "],\"authorships\":");
        w_u64(b, p->total_auth);
        W_LIT(b, "}\n");
    }
    free(head);
    free(off);
    free(mem);
}

static const char *move_kind(unsigned from, unsigned to)
{
    int a = is_academic(from), b = is_academic(to);
    return a ? (b ? "academia->academia" : "academia->industry")
             : (b ? "industry->academia" : "industry->industry");
}

/* A true move is written when it happened inside the generated years and
 * both sides left at least one authorship (the generator forces one per
 * stint, so in practice every move inside the range). */
static void write_moves(gen *g, ofile *o)
{
    char nm[256];
    for (uint32_t i = 0; i < g->np && !g->failed; i++) {
        const person *p = &g->P[i];
        for (int s = 1; s < p->nst; s++) {
            int y = p->from[s];
            if (y < g->y0 || y > g->y1 || !p->nauth[s - 1] || !p->nauth[s]) continue;
            sc_buf *b = of_rec(g, o);
            W_LIT(b, "{\"person_id\":");
            w_person_ref(g, b, i);
            size_t n = name_build(&p->nm, V_CANON, nm);
            W_LIT(b, ",\"person\":");
            w_jstr(b, nm, n);
            W_LIT(b, ",\"from_org\":");
            w_org(g, b, p->org[s - 1]);
            W_LIT(b, ",\"to_org\":");
            w_org(g, b, p->org[s]);
            W_LIT(b, ",\"year\":");
            w_u64(b, (uint64_t)y);
            W_LIT(b, ",\"first_paper_year\":");
            w_u64(b, (uint64_t)p->first_at[s]);
            W_LIT(b, ",\"kind\":\"");
            w_str(b, move_kind(p->org[s - 1], p->org[s]));
            if (s == 1) W_LIT(b, "\",\"first_job_after_phd\":true}\n");
            else W_LIT(b, "\",\"first_job_after_phd\":false}\n");
            g->res.moves++;
        }
    }
}

static void write_orgs(gen *g, ofile *o)
{
    sc_buf *b = &g->xml;
    for (unsigned i = 0; i < sc_demo_norgs; i++) {
        const sc_demo_org *d = &sc_demo_orgs[i];
        b->n = 0;
        add_lit(b, "{\"name\":");
        add_json(b, d->name);
        add_lit(b, ",\"type\":\"");
        add_lit(b, sc_demo_org_type_name(d->type));
        add_lit(b, "\",\"country\":\"");
        add_lit(b, d->country);
        add_lit(b, "\",\"parent\":");
        if (d->parent) add_json(b, d->parent);
        else add_lit(b, "null");
        add_lit(b, ",\"aliases\":[");
        for (unsigned k = 0; d->aliases[k].s; k++) {
            if (k) sc_buf_addc(b, ',');
            add_json(b, d->aliases[k].s);
        }
        add_lit(b, "],\"domains\":[");
        for (unsigned k = 0; d->domains[k].s; k++) {
            if (k) sc_buf_addc(b, ',');
            add_json(b, d->domains[k].s);
        }
        add_lit(b, "]}\n");
        of_add(g, o, b->p, b->n);
    }
}

/* DBLP person records: every name of a person that DBLP can attribute to
 * them alone (unique strings, or numbered homonyms), and for some people
 * their current and former affiliations. */
static void write_dblp_people(gen *g)
{
    sc_buf *b = &g->xml;
    char nm[256];
    for (uint32_t i = 0; i < g->np && !g->failed; i++) {
        const person *p = &g->P[i];
        if (!p->total_auth) continue;
        b->n = 0;
        unsigned names = 0;
        uint64_t seen[16];
        unsigned nseen = 0;
        uint64_t h0 = hash3(g->seed, i, 0xDB1F);
        add_lit(b, "<www mdate=\"2024-12-01\" key=\"homepages/");
        add_u64(b, h0 % 251);
        sc_buf_addc(b, '/');
        add_u64(b, (uint64_t)(uint32_t)(i * 2654435761u)); /* a bijection: unique keys */
        add_lit(b, "\">\n");
        for (unsigned bit = 0; bit < 16; bit++) {
            if (!(p->used_forms & (1u << bit))) continue;
            size_t n = name_build(&p->nm, (bit & 7u) | (bit >= 8 ? FORM_FOLD : 0), nm);
            uint64_t h = sc_hash(nm, n);
            int dup = 0;
            for (unsigned k = 0; k < nseen; k++) dup |= seen[k] == h;
            if (dup) continue;
            seen[nseen++] = h;
            if (!p->dblp_known) {
                nslot *s = ntab_find(&g->names, h, 0);
                if (!s || s->owner != i) continue; /* shared string: DBLP cannot say */
            }
            add_lit(b, "<author>");
            add_xml(b, nm, n);
            if (p->dblp_known) {
                sc_buf_reserve(b, 32);
                w_c(b, ' ');
                w_u64w(b, p->hrank, 4);
            }
            add_lit(b, "</author>\n");
            names++;
        }
        if (!names) continue;
        add_lit(b, "<title>Home Page</title>\n");
        /* ~40% of DBLP profiles note an affiliation, some a former one */
        int last = p->nst - 1;
        if (((h0 >> 8) % 10) < 4) {
            int y = SC_MIN(stint_to(p, last), g->y1);
            const char *a = org_alias(g, i, p->org[last], y, 0);
            add_lit(b, "<note type=\"affiliation\">");
            add_xml(b, a, strlen(a));
            add_lit(b, "</note>\n");
            if (last > 0 && ((h0 >> 16) % 10) < 5) {
                int yf = SC_MIN(stint_to(p, last - 1), g->y1);
                const char *f = org_alias(g, i, p->org[last - 1], yf, 0);
                add_lit(b, "<note label=\"former\" type=\"affiliation\">");
                add_xml(b, f, strlen(f));
                add_lit(b, "</note>\n");
            }
        }
        add_lit(b, "</www>\n");
        of_add(g, &g->dblp, b->p, b->n);
    }
}

static int write_dtd(gen *g, const char *path)
{
    ofile o;
    if (of_open(g, &o, path)) return g->err->code;
    sc_buf *b = &g->xml;
    b->n = 0;
    add_lit(b, "<!-- dblp.dtd for the scout demo world: the elements and character entities\n"
               "     that dblp.xml uses (a small subset of the real DBLP DTD). -->\n"
               "<!ELEMENT dblp (inproceedings|www)*>\n"
               "<!ELEMENT inproceedings (author*, title, pages?, year, booktitle, ee?, crossref?)>\n"
               "<!ATTLIST inproceedings key CDATA #REQUIRED mdate CDATA #IMPLIED>\n"
               "<!ELEMENT www (author*, title, note*)>\n"
               "<!ATTLIST www key CDATA #REQUIRED mdate CDATA #IMPLIED>\n"
               "<!ELEMENT author (#PCDATA)>\n"
               "<!ATTLIST author orcid CDATA #IMPLIED>\n"
               "<!ELEMENT title (#PCDATA)>\n"
               "<!ELEMENT pages (#PCDATA)>\n"
               "<!ELEMENT year (#PCDATA)>\n"
               "<!ELEMENT booktitle (#PCDATA)>\n"
               "<!ELEMENT ee (#PCDATA)>\n"
               "<!ELEMENT crossref (#PCDATA)>\n"
               "<!ELEMENT note (#PCDATA)>\n"
               "<!ATTLIST note type CDATA #IMPLIED label CDATA #IMPLIED>\n");
    for (unsigned k = 0; k < 64; k++) {
        add_lit(b, "<!ENTITY ");
        add_lit(b, latin1_ent[k]);
        add_lit(b, " \"&#");
        add_u64(b, 0xC0 + k);
        add_lit(b, ";\">\n");
    }
    of_add(g, &o, b->p, b->n);
    of_close(g, &o);
    return g->failed ? g->err->code : SC_OK;
}

/* ======================================================================
 * The entry point.
 * ====================================================================== */

static void gen_free(gen *g)
{
    for (unsigned v = 0; v < N_VENUES; v++)
        if (g->vf[v].open) of_close(g, &g->vf[v].of);
    of_close(g, &g->tsv);
    of_close(g, &g->dblp);
    writer_finish(&g->w);
    writer_free(&g->w);
    gen_tables_free(g);
    for (unsigned o = 0; o < 64; o++) {
        sc_vec_free(&g->fac[o]);
        sc_vec_free(&g->cov[o]);
    }
    free(g->P);
    free(g->names.v);
    free(g->cur);
    free(g->alive);
    free(g->bucket);
    free(g->bstart);
    sc_buf_free(&g->scratch);
    sc_buf_free(&g->abs);
    sc_buf_free(&g->xml);
}

#define MAX_PEOPLE 50000000u /* 50M: ~5 GB of person state; far past DBLP's 3.5M */

int sc_demo_generate(const char *out_dir, const sc_demo_options *opt, sc_demo_result *res,
                     sc_error *err)
{
    sc_demo_options def = {0};
    if (!opt) opt = &def;
    if (res) memset(res, 0, sizeof *res);
    if (!out_dir || !*out_dir) return sc_fail(err, SC_EUSAGE, "demo: no output directory");
    int y0 = opt->first_year ? opt->first_year : 2008;
    int y1 = opt->last_year ? opt->last_year : 2024;
    if (!opt->first_year && opt->last_year && y1 < y0) y0 = y1;
    if (!opt->last_year && opt->first_year && y1 < y0) y1 = y0;
    if (y0 < 1970 || y1 > 2100 || y1 < y0)
        return sc_fail(err, SC_EUSAGE, "demo: bad year range %d..%d (allowed 1970..2100)", y0, y1);
    uint64_t people = opt->people ? opt->people : 2000;
    if (people > MAX_PEOPLE)
        return sc_fail(err, SC_EUSAGE, "demo: %llu people is more than the %u supported",
                       (unsigned long long)people, MAX_PEOPLE);
    if (sc_demo_norgs > 64 || sc_demo_norgs > 255)
        return sc_fail(err, SC_EINTERNAL, "demo: organisation table too large");

    sc_error local;
    if (!err) err = &local;
    gen *g = sc_xcalloc(1, sizeof *g);
    g->out = out_dir;
    g->opt = *opt;
    g->y0 = y0;
    g->y1 = y1;
    g->seed = opt->seed;
    g->err = err;
    g->write_pl = opt->write_paperlists || !opt->write_dblp;
    g->write_dblp = opt->write_dblp != 0;
    g->np = (uint32_t)people;
    g->id_digits = 6;
    for (uint64_t x = people; x >= 1000000; x /= 10) g->id_digits++;
    rng_seed(&g->rng, g->seed ^ 0x5C0C7DE30ull);
    writer_start(&g->w);
    gen_tables(g);

    char path[4096];
    int rc = SC_OK;
#define TRY(expr)                                                                          \
    do {                                                                                   \
        if ((expr) || g->failed) {                                                         \
            rc = err->code ? err->code : SC_EINTERNAL;                                     \
            goto done;                                                                     \
        }                                                                                  \
    } while (0)
    err->code = SC_OK;
    err->msg[0] = 0;
    if (strlen(out_dir) > 3000) {
        rc = sc_fail(err, SC_EUSAGE, "demo: output path too long");
        goto done;
    }
    snprintf(path, sizeof path, "%s/sources", out_dir);
    TRY(mkdir_p(g, path));
    snprintf(path, sizeof path, "%s/truth", out_dir);
    TRY(mkdir_p(g, path));
    snprintf(path, sizeof path, "%s/truth/authorships.tsv", out_dir);
    TRY(of_open(g, &g->tsv, path));
    {
        static const char hdr[] =
            "paper_id\tposition\tperson_id\torg\traw_affiliation\tis_internship\tis_dual\tdual_org\n";
        of_add(g, &g->tsv, hdr, sizeof hdr - 1);
    }
    if (g->write_dblp) {
        snprintf(path, sizeof path, "%s/sources/dblp", out_dir);
        TRY(mkdir_p(g, path));
        snprintf(path, sizeof path, "%s/sources/dblp/dblp.dtd", out_dir);
        TRY(write_dtd(g, path));
        snprintf(path, sizeof path, "%s/sources/dblp/dblp.xml", out_dir);
        TRY(of_open(g, &g->dblp, path));
        static const char head[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                                   "<!DOCTYPE dblp SYSTEM \"dblp.dtd\">\n<dblp>\n";
        of_add(g, &g->dblp, head, sizeof head - 1);
    }

    /* People, in order of PhD start: start years from 14 years before the
     * range (their later careers fall inside it) to the year before its end,
     * ~10% more each year, like the growth of the field. */
    g->P = sc_xmalloc((size_t)g->np * sizeof *g->P);
    {
        /* ~1.7 name strings per person: size the table once (no rehashing) */
        size_t cap = 1024;
        while (cap * 7 < (size_t)g->np * 17) cap *= 2;
        g->names.v = sc_xmalloc(cap * sizeof *g->names.v);
        for (size_t k = 0; k < cap; k++) g->names.v[k].owner = NOBODY;
        g->names.cap = cap;
    }
    {
        int s0 = y0 - 14, ns = y1 - s0;
        uint64_t *w = sc_xcalloc((size_t)ns, sizeof *w), sum = 0;
        for (int k = 0; k < ns; k++) {
            w[k] = k ? w[k - 1] * 110 / 100 : 1000;
            if (w[k] > (1ull << 28)) w[k] = 1ull << 28; /* np * cum stays below 2^64 */
            sum += w[k];
        }
        uint64_t cum = 0;
        uint32_t i = 0;
        for (int k = 0; k < ns; k++) {
            cum += w[k];
            uint32_t upto = (uint32_t)((uint64_t)g->np * cum / sum);
            index_faculty(g, s0 + k);
            for (; i < upto; i++) {
                make_person(g, i, s0 + k);
                if ((i & 0xFFFF) == 0) progress(g, i, g->np, "people");
            }
        }
        free(w);
        progress(g, g->np, g->np, "people");
    }

    g->cur = sc_xmalloc((size_t)g->np);
    memset(g->cur, 0xFF, (size_t)g->np); /* -1: not active */
    g->alive = sc_xmalloc((size_t)g->np * sizeof *g->alive);
    g->bucket = sc_xmalloc((size_t)g->np * 2 * sizeof *g->bucket);
    g->bstart = sc_xmalloc((N_TOPICS * sc_demo_norgs + 1) * sizeof *g->bstart);
    {
        uint64_t *t = year_targets(g);
        for (int y = y0; y <= y1; y++) g->papers_target += t[y - y0];
        for (int y = y0; y <= y1 && !g->failed; y++) run_year(g, y, t[y - y0]);
        free(t);
        progress(g, g->papers_done, g->papers_done, "papers"); /* the total is known now */
    }
    TRY(0);

    if (g->write_dblp) {
        write_dblp_people(g);
        of_add(g, &g->dblp, "</dblp>\n", 8);
        of_close(g, &g->dblp);
        TRY(0);
    }
    of_close(g, &g->tsv);
    TRY(0);
    {
        ofile o;
        snprintf(path, sizeof path, "%s/truth/people.jsonl", out_dir);
        TRY(of_open(g, &o, path));
        write_people(g, &o);
        of_close(g, &o);
        TRY(0);
        snprintf(path, sizeof path, "%s/truth/moves.jsonl", out_dir);
        TRY(of_open(g, &o, path));
        write_moves(g, &o);
        of_close(g, &o);
        TRY(0);
        snprintf(path, sizeof path, "%s/truth/orgs.jsonl", out_dir);
        TRY(of_open(g, &o, path));
        write_orgs(g, &o);
        of_close(g, &o);
        TRY(0);
    }
    writer_finish(&g->w); /* every byte on disk (in the page cache) and every file closed */
    check_writer(g);
    TRY(0);
    g->res.people = g->np;
    g->res.orgs = sc_demo_norgs;
#undef TRY
done:
    gen_free(g); /* closes what is open and waits for the writer */
    if (rc == SC_OK && g->w.failed) rc = sc_fail(err, SC_EINTERNAL, "%s", g->w.msg);
    if (rc == SC_OK && res) *res = g->res;
    free(g);
    return rc;
}
