// highlight.cc: Source-highlight behind a C interface (see highlight.h).
// A formatter per element name records the token class of the bytes it is
// given; Source-highlight tells each one where in the line its text starts.
#include "highlight.h"

#include <cstring>
#include <map>
#include <unordered_map>
#include <vector>
#include <memory>
#include <string>
#include <sys/stat.h>

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

extern "C" {
#include "markup.h"
}

namespace {

const char *const *extra_dirs;

struct Sink {
    unsigned char *out = nullptr;
    int line_start = 0, len = 0;
};

class TokFormatter : public srchilite::Formatter {
  public:
    TokFormatter(Sink *s, unsigned char t) : sink(s), tok(t) {}
    void format(const std::string &s, const srchilite::FormatterParams *params) override
    {
        if (!params || params->start < 0)
            return;
        for (size_t i = 0; i < s.size(); i++) {
            int at = sink->line_start + params->start + (int)i;
            if (at >= 0 && at < sink->len)
                sink->out[at] = tok;
        }
    }

  private:
    Sink *sink;
    unsigned char tok;
};

// Source-highlight's element names -> our six classes (the rest is plain).
const std::pair<const char *, unsigned char> elements[] = {
    {"keyword", DP_TOK_KEYWORD},   {"preproc", DP_TOK_KEYWORD},  {"todo", DP_TOK_COMMENT},
    {"type", DP_TOK_TYPE},         {"usertype", DP_TOK_TYPE},    {"classname", DP_TOK_TYPE},
    {"string", DP_TOK_STRING},     {"regexp", DP_TOK_STRING},    {"specialchar", DP_TOK_STRING},
    {"comment", DP_TOK_COMMENT},   {"number", DP_TOK_NUMBER},    {"function", DP_TOK_FUNCTION},
    {"key", DP_TOK_FUNCTION},      {"label", DP_TOK_FUNCTION},   {"predef_func", DP_TOK_FUNCTION},
};

// A fence's language -> a language definition file.
const char *lang_file(const std::string &lang)
{
    static const std::map<std::string, const char *> files = {
        {"python", "python.lang"}, {"py", "python.lang"},      {"python3", "python.lang"},
        {"c", "c.lang"},           {"h", "c.lang"},           {"cpp", "cpp.lang"},
        {"c++", "cpp.lang"},       {"cc", "cpp.lang"},        {"cxx", "cpp.lang"},
        {"hpp", "cpp.lang"},       {"js", "javascript.lang"}, {"javascript", "javascript.lang"},
        {"jsx", "javascript.lang"}, {"ts", "javascript.lang"}, {"typescript", "javascript.lang"},
        {"tsx", "javascript.lang"}, {"rust", "rust.lang"},    {"rs", "rust.lang"},
        {"go", "go.lang"},         {"golang", "go.lang"},     {"sh", "sh.lang"},
        {"bash", "sh.lang"},       {"shell", "sh.lang"},      {"console", "sh.lang"},
        {"zsh", "zsh.lang"},       {"json", "json.lang"},     {"yaml", "yaml.lang"},
        {"yml", "yaml.lang"},      {"sql", "sql.lang"},       {"java", "java.lang"},
        {"diff", "diff.lang"},     {"xml", "xml.lang"},       {"html", "html.lang"},
        {"css", "css.lang"}};
    auto it = files.find(lang);
    return it == files.end() ? nullptr : it->second;
}

// Source-highlight's regular expressions take time quadratic in a line's
// length on unlucky input (a 4 KB line of "a.b(" takes 2 s in python.lang,
// 8 KB 8 s; no shipped definition was seen to loop): a line longer than
// kMaxLine, or a block whose sum of squared line lengths exceeds
// kBlockBudget (about 1 s at the worst seen), stays plain, and so does all
// code after kTotalBudget in one run. Deterministic: the same deck always
// gives the same colours; the total starts again with each build
// (dp_highlight_dirs). Results are kept, so a block laid out again (at
// each size tried while fitting) is highlighted once.
constexpr int kMaxLine = 1000;
constexpr double kBlockBudget = 4e6, kTotalBudget = 4e7;
constexpr size_t kCacheBytes = 16u << 20;

double spent;

bool within_budget(const char *code, int len)
{
    double cost = 0;
    for (int s = 0; s <= len;) {
        int e = s;
        while (e < len && code[e] != '\n')
            e++;
        if (e - s > kMaxLine)
            return false;
        cost += (double)(e - s) * (e - s);
        s = e + 1;
    }
    if (cost > kBlockBudget || spent + cost > kTotalBudget)
        return false;
    spent += cost;
    return true;
}

bool exists(const std::string &path)
{
    struct stat sb;
    return stat(path.c_str(), &sb) == 0 && S_ISREG(sb.st_mode);
}

} // namespace

extern "C" void dp_highlight_dirs(const char *const *dirs)
{
    extra_dirs = dirs;
    spent = 0; /* a new build (watch rebuilds in one process) */
}

extern "C" bool dp_highlight(const char *lang, const char *code, int len, unsigned char *out)
{
    std::memset(out, DP_TOK_PLAIN, (size_t)(len > 0 ? len : 0));
    const char *file = lang ? lang_file(lang) : nullptr;
    if (!file || len <= 0)
        return false;
    std::string dir = srchilite::Settings::retrieveDataDir();
    for (const char *const *d = extra_dirs; d && *d; d++)
        if (exists(std::string(*d) + "/" + file)) {
            dir = *d;
            break;
        }
    if (!exists(dir + "/" + file))
        return false;
    static std::unordered_map<std::string, std::vector<unsigned char>> done;
    static size_t done_bytes;
    std::string memo = dir + "/" + file + '\0' + std::string(code, (size_t)len);
    auto hit = done.find(memo);
    if (hit != done.end()) {
        std::memcpy(out, hit->second.data(), (size_t)len);
        return true;
    }
    if (!within_budget(code, len))
        return false;
    try {
        // One highlighter per language, kept: loading a definition costs
        // milliseconds, a line microseconds.
        static std::map<std::string, std::unique_ptr<srchilite::SourceHighlighter>> cache;
        static srchilite::RegexRuleFactory factory;
        static srchilite::LangDefManager manager(&factory);
        static Sink sink;
        static std::unique_ptr<srchilite::FormatterManager> formatters;
        if (!formatters) {
            formatters.reset(new srchilite::FormatterManager(
                srchilite::FormatterPtr(new TokFormatter(&sink, DP_TOK_PLAIN))));
            for (const auto &e : elements)
                formatters->addFormatter(e.first, srchilite::FormatterPtr(new TokFormatter(&sink, e.second)));
        }
        std::string key = dir + "/" + file;
        auto it = cache.find(key);
        if (it == cache.end()) {
            auto h = std::unique_ptr<srchilite::SourceHighlighter>(
                new srchilite::SourceHighlighter(manager.getHighlightState(dir, file)));
            h->setFormatterManager(formatters.get());
            h->setOptimize(false);
            it = cache.emplace(key, std::move(h)).first;
        }
        srchilite::SourceHighlighter &h = *it->second;
        srchilite::FormatterParams params;
        h.setFormatterParams(&params);
        h.setCurrentState(h.getMainState());
        h.clearStateStack();
        sink.out = out;
        sink.len = len;
        int s = 0;
        while (s <= len) {
            int e = s;
            while (e < len && code[e] != '\n')
                e++;
            sink.line_start = s;
            params.start = 0;
            h.highlightParagraph(std::string(code + s, (size_t)(e - s)));
            s = e + 1;
        }
        sink.out = nullptr;
        if (done_bytes + memo.size() + (size_t)len <= kCacheBytes) {
            done_bytes += memo.size() + (size_t)len;
            done.emplace(std::move(memo), std::vector<unsigned char>(out, out + len));
        }
        return true;
    } catch (...) {
        std::memset(out, DP_TOK_PLAIN, (size_t)len);
        return false;
    }
}
