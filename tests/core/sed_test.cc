// The console's sed (core/shell/sed.h): every expected text below is what GNU sed 4.9 printed
// for the same arguments and input (stdout, stderr, exit code, and f.yaml afterwards, the one
// file the case may read or edit in place).
#include <gtest/gtest.h>

#include <map>

#include "core/shell/sed.h"

namespace kp {
namespace {

const std::string kFile = "replicas: 1\napp: a\n";

const std::string kSedUsage =
    "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"
    "\n"
    "  -n, --quiet, --silent\n"
    "                 suppress automatic printing of pattern space\n"
    "      --debug\n"
    "                 annotate program execution\n"
    "  -e script, --expression=script\n"
    "                 add the script to the commands to be executed\n"
    "  -f script-file, --file=script-file\n"
    "                 add the contents of script-file to the commands to be executed\n"
    "  --follow-symlinks\n"
    "                 follow symlinks when processing in place\n"
    "  -i[SUFFIX], --in-place[=SUFFIX]\n"
    "                 edit files in place (makes backup if SUFFIX supplied)\n"
    "  -l N, --line-length=N\n"
    "                 specify the desired line-wrap length for the `l' command\n"
    "  --posix\n"
    "                 disable all GNU extensions.\n"
    "  -E, -r, --regexp-extended\n"
    "                 use extended regular expressions in the script\n"
    "                 (for portability use POSIX -E).\n"
    "  -s, --separate\n"
    "                 consider files as separate rather than as a single,\n"
    "                 continuous long stream.\n"
    "      --sandbox\n"
    "                 operate in sandbox mode (disable e/r/w commands).\n"
    "  -u, --unbuffered\n"
    "                 load minimal amounts of data from the input files and flush\n"
    "                 the output buffers more often\n"
    "  -z, --null-data\n"
    "                 separate lines by NUL characters\n"
    "      --help     display this help and exit\n"
    "      --version  output version information and exit\n"
    "\n"
    "If no -e, --expression, -f, or --file option is given, then the first\n"
    "non-option argument is taken as the sed script to interpret.  All\n"
    "remaining arguments are names of input files; if no input files are\n"
    "specified, then the standard input is read.\n"
    "\n"
    "GNU sed home page: <https://www.gnu.org/software/sed/>.\n"
    "General help using GNU software: <https://www.gnu.org/gethelp/>.\n";

struct SedCase {
  const char* name;
  std::vector<std::string> args;
  std::string input;
  std::string out, err;
  int exitCode;
  std::string fileAfter;
};

class Sed : public ::testing::TestWithParam<SedCase> {};

TEST_P(Sed, PrintsWhatGnuSedPrints) {
  const SedCase& c = GetParam();
  std::map<std::string, std::string> files = {{"f.yaml", kFile}};
  SedFiles io;
  io.read = [&](const std::string& p) -> std::optional<std::string> {
    auto it = files.find(p);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  io.write = [&](const std::string& p, const std::string& text) { files[p] = text; };
  SedResult r = runSed(c.args, c.input, io);
  EXPECT_EQ(r.out, c.out);
  EXPECT_EQ(r.err, c.err);
  EXPECT_EQ(r.code, c.exitCode);
  EXPECT_EQ(files["f.yaml"], c.fileAfter);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Sed,
    ::testing::Values(
        SedCase{"Literal", {"s/replicas: 1/replicas: 2/"}, "replicas: 1\n",
                "replicas: 2\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"GlobalFlag", {"s/o/0/g"}, "foo boo\n",
                "f00 b00\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"NthOccurrence", {"s/o/0/2"}, "foo boo\n",
                "fo0 boo\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"NthAndLater", {"s/o/0/2g"}, "foo boo\n",
                "fo0 b00\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"AnyDelimiter", {"s|/|:|g"}, "a/b/c\n",
                "a:b:c\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"EscapedDelimiter", {"s/\\//:/g"}, "a/b/c\n",
                "a:b:c\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"DotStar", {"s/r.*s/X/"}, "replicas: 1\n",
                "X: 1\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"AnchorStart", {"s/^ */-/"}, "  x\n",
                "-x\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"AnchorEnd", {"s/1$/9/"}, "a1 1\n",
                "a1 9\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"CaretInsideIsLiteral", {"s/a^/X/"}, "a^b\n",
                "Xb\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"Bracket", {"s/[0-9][0-9]*/N/g"}, "a12 b3\n",
                "aN bN\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"NegatedBracket", {"s/[^a-z]/_/g"}, "ab1c\n",
                "ab_c\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"BracketClass", {"s/[[:digit:]]\\+/N/"}, "x 42 y\n",
                "x N y\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"BracketHoldsDelimiter", {"s/[/]/x/"}, "a/b\n",
                "axb\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"BracketEscapedDelimiter", {"s/[^\\/]*$/X/"}, "a/b/c\n",
                "a/b/X\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"Ampersand", {"s/imag/&&/"}, "image: x\n",
                "imagimage: x\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"EscapedAmpersand", {"s/a/\\&/"}, "a\n",
                "&\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"Groups", {"s/\\(a*\\)b\\(c\\)/\\2\\1/"}, "aabc\n",
                "caa\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"Interval", {"s/o\\{2\\}/0/"}, "foo fo\n",
                "f0 fo\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"ExtendedGroups", {"-E", "s/(l+)/[\\1]/g"}, "hello world\n",
                "he[ll]o wor[l]d\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"ExtendedAlternation", {"-E", "s/cat|dog/pet/g"}, "cat dog cow\n",
                "pet pet cow\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"CaseConversion", {"s/\\(hello\\) \\(world\\)/\\u\\1 \\U\\2\\E!/"}, "hello world\n",
                "Hello WORLD!\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"IgnoreCaseFlag", {"s/O/0/Ig"}, "hello wOrld\n",
                "hell0 w0rld\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"EmptyMatchesEverywhere", {"s/x*/-/g"}, "abc\n",
                "-a-b-c-\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"NoEmptyMatchRightAfterMatch", {"s/a*/x/g"}, "baaac\n",
                "xbxcx\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"StarAtStartIsLiteral", {"s/*/x/"}, "a*b\n",
                "axb\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"NewlineInReplacement", {"s/ /\\n/"}, "a b\n",
                "a\nb\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"TwoExpressions", {"-e", "s/a/b/", "-e", "s/b/c/"}, "a\n",
                "c\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"Semicolons", {"s/a/b/ ; s/b/c/"}, "a\n",
                "c\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"QuietPrintFlag", {"-n", "s/o/0/p"}, "foo\nbar\n",
                "f0o\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"PrintCommand", {"p"}, "a\nb",
                "a\na\nb\nb", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"DeleteByRegex", {"/^#/d"}, "# c\nx\n",
                "x\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"LineAddress", {"2s/a/b/"}, "a\na\n",
                "a\nb\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"LastLineAddress", {"$s/a/b/"}, "a\na\n",
                "a\nb\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"NegatedAddress", {"1!s/a/b/"}, "a\na\n",
                "a\nb\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"EmptyRegexReusesLast", {"/a/s//b/"}, "xa\n",
                "xb\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"NoTrailingNewline", {"s/a/b/"}, "a",
                "b", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"ReadsFile", {"s/1/2/", "f.yaml"}, "",
                "replicas: 2\napp: a\n", "", 0, "replicas: 1\napp: a\n"},
        SedCase{"InPlace", {"-i", "s/replicas: 1/replicas: 2/", "f.yaml"}, "",
                "", "", 0, "replicas: 2\napp: a\n"},
        SedCase{"InPlaceTwoExpressions", {"-i", "-e", "s/1/2/", "-e", "s/a$/b/", "f.yaml"}, "",
                "", "", 0, "replicas: 2\napp: b\n"},
        SedCase{"InPlaceLongOption", {"--in-place", "--expression=s/1/3/", "f.yaml"}, "",
                "", "", 0, "replicas: 3\napp: a\n"},
        SedCase{"OptionAfterOperands", {"s/1/2/", "-i", "f.yaml"}, "",
                "", "", 0, "replicas: 2\napp: a\n"},
        SedCase{"InPlaceWithoutFiles", {"-i", "s/a/b/"}, "a\n",
                "", "sed: no input files\n", 4, "replicas: 1\napp: a\n"},
        SedCase{"MissingFile", {"s/a/b/", "nope"}, "",
                "", "sed: can't read nope: No such file or directory\n", 2, "replicas: 1\napp: a\n"},
        SedCase{"UnknownOption", {"s/a/b/x"}, "a\n",
                "", "sed: -e expression #1, char 7: unknown option to `s'\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"Unterminated", {"s/a/b"}, "a\n",
                "", "sed: -e expression #1, char 5: unterminated `s' command\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"UnmatchedParen", {"s/\\(a/b/"}, "a\n",
                "", "sed: -e expression #1, char 8: Unmatched ( or \\(\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"InvalidReference", {"s/a/\\1/"}, "a\n",
                "", "sed: -e expression #1, char 7: invalid reference \\1 on `s' command's RHS\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"UnknownCommand", {"k"}, "a\n",
                "", "sed: -e expression #1, char 1: unknown command: `k'\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"UnknownCommandAfterSemicolon", {"s/a/b/;k"}, "a\n",
                "", "sed: -e expression #1, char 8: unknown command: `k'\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"TwoGFlags", {"s/a/b/gg"}, "a\n",
                "", "sed: -e expression #1, char 8: multiple `g' options to `s' command\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"UnterminatedAddress", {"/a"}, "a\n",
                "", "sed: -e expression #1, char 2: unterminated address regex\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"UnterminatedBracket", {"s/[a/b/"}, "a\n",
                "", "sed: -e expression #1, char 7: unterminated `s' command\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"NoPreviousRegex", {"s//x/"}, "a\n",
                "", "sed: -e expression #1, char 0: no previous regular expression\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"RepeatedInterval", {"s/a*\\{2\\}/x/"}, "a\n",
                "", "sed: -e expression #1, char 12: Invalid preceding regular expression\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"ExtraCharacters", {"p x"}, "a\n",
                "", "sed: -e expression #1, char 3: extra characters after command\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"UnexpectedBrace", {"}"}, "a\n",
                "", "sed: -e expression #1, char 1: unexpected `}'\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"UnmatchedBrace", {"s/a\\{1/x/"}, "a\n",
                "", "sed: -e expression #1, char 9: Unmatched \\{\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"BadInterval", {"s/a\\{x\\}/y/"}, "a\n",
                "", "sed: -e expression #1, char 11: Invalid content of \\{\\}\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"BadClass", {"s/[[:foo:]]/y/"}, "a\n",
                "", "sed: -e expression #1, char 14: Invalid character class name\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"UnmatchedCloseParen", {"s/\\)/x/"}, "a\n",
                "", "sed: -e expression #1, char 7: Unmatched ) or \\)\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"ZeroOccurrence", {"s/a/b/0"}, "a\n",
                "", "sed: -e expression #1, char 7: number option to `s' command may not be zero\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"ErrorInSecondExpression", {"-e", "p", "-e", "k"}, "a\n",
                "", "sed: -e expression #2, char 1: unknown command: `k'\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"FileAsScript", {"-i", "/tmp/kubectl-edit-1.yaml"}, "a\n",
                "", "sed: -e expression #1, char 6: unknown command: `k'\n", 1, "replicas: 1\napp: a\n"},
        SedCase{"InvalidOptionLetter", {"-x", "p"}, "a\n",
                "", "sed: invalid option -- 'x'\n" + kSedUsage, 1, "replicas: 1\napp: a\n"},
        SedCase{"NoScript", {}, "a\n",
                "", "" + kSedUsage, 1, "replicas: 1\napp: a\n"}
),
    [](const ::testing::TestParamInfo<SedCase>& info) { return std::string(info.param.name); });

TEST(SedLongLines, LiteralPatternsStillApply) {
  // kubectl's last-applied-configuration annotation is one long line
  std::string line = std::string(10000, 'x') + "replicas: 1" + "\n";
  SedResult r = runSed({"s/replicas: 1/replicas: 2/"}, line, {});
  EXPECT_EQ(r.out, std::string(10000, 'x') + "replicas: 2\n");
}

}  // namespace
}  // namespace kp
