// ANSI SGR parsing for the console (web/ansi.h): table-driven, one name per case.
#include "web/ansi.h"

#include <gtest/gtest.h>

namespace kp {
namespace {

struct AnsiCase {
  const char* name;
  std::vector<std::string> chunks;
  std::vector<std::string> lines;  // plain text per line
};

class AnsiLines : public testing::TestWithParam<AnsiCase> {};

TEST_P(AnsiLines, SplitsAndStrips) {
  AnsiParser p;
  std::vector<StyledLine> lines;
  for (auto& c : GetParam().chunks) p.feed(c, lines);
  std::vector<std::string> got;
  for (auto& l : lines) got.push_back(l.plain());
  EXPECT_EQ(got, GetParam().lines);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AnsiLines,
    testing::Values(
        AnsiCase{"plain", {"hello\nworld\n"}, {"hello", "world"}},
        AnsiCase{"no_trailing_newline", {"a\nb"}, {"a", "b"}},
        AnsiCase{"chunks_continue_a_line", {"NAME  ", "READY\n"}, {"NAME  READY"}},
        AnsiCase{"empty_lines_kept", {"a\n\nb\n"}, {"a", "", "b"}},
        AnsiCase{"sgr_removed", {"\x1b[1;32mRunning\x1b[0m 1/1\n"}, {"Running 1/1"}},
        AnsiCase{"escape_split_across_chunks", {"x\x1b[3", "1mred\x1b[0m\n"}, {"xred"}},
        AnsiCase{"crlf", {"one\r\ntwo\r\n"}, {"one", "two"}},
        AnsiCase{"tabs_expand", {"a\tb\n"}, {"a       b"}},
        AnsiCase{"cursor_sequences_dropped", {"\x1b[2Kdone\n"}, {"done"}},
        AnsiCase{"osc_title_dropped", {"\x1b]0;title\x07ok\n"}, {"ok"}}),
    [](const testing::TestParamInfo<AnsiCase>& i) { return std::string(i.param.name); });

TEST(Ansi, ColoursAndBold) {
  AnsiParser p;
  std::vector<StyledLine> lines;
  p.feed("\x1b[31merr\x1b[0m \x1b[1;92mok\x1b[22m plain\x1b[39m\n", lines);
  ASSERT_EQ(lines.size(), 1u);
  const auto& s = lines[0].spans;
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].text, "err");
  EXPECT_EQ(s[0].style.fg, ansiColor(1));
  EXPECT_EQ(s[1].text, " ");
  EXPECT_EQ(s[1].style.fg, 0u);
  EXPECT_EQ(s[2].text, "ok");
  EXPECT_TRUE(s[2].style.bold);
  EXPECT_EQ(s[2].style.fg, ansiColor(10));
  EXPECT_EQ(s[3].text, " plain");
  EXPECT_FALSE(s[3].style.bold);
}

TEST(Ansi, ExtendedColours) {
  AnsiParser p;
  std::vector<StyledLine> lines;
  p.feed("\x1b[38;5;196ma\x1b[38;2;1;2;3mb\x1b[48;5;21mc\n", lines);
  ASSERT_EQ(lines[0].spans.size(), 3u);
  EXPECT_EQ(lines[0].spans[0].style.fg, ansi256(196));
  EXPECT_EQ(lines[0].spans[1].style.fg, IM_COL32(1, 2, 3, 255));
  EXPECT_EQ(lines[0].spans[2].style.bg, ansi256(21));
}

TEST(Ansi, StyleCarriesAcrossLinesAndFeeds) {
  AnsiParser p;
  std::vector<StyledLine> lines;
  p.feed("\x1b[33mone\n", lines);
  p.feed("two\x1b[0m\n", lines);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].spans[0].style.fg, ansiColor(3));
}

TEST(Ansi, BaseColourForStderrLines) {
  AnsiParser p;
  std::vector<StyledLine> lines;
  p.feed("error: x\n", lines, IM_COL32(255, 0, 0, 255));
  EXPECT_EQ(lines[0].base, IM_COL32(255, 0, 0, 255));
}

TEST(Ansi, StripAnsi) {
  EXPECT_EQ(stripAnsi("\x1b[1mYou've hit\x1b[0m kubia-x\n"), "You've hit kubia-x\n");
  EXPECT_EQ(stripAnsi("cut \x1b[3"), "cut ");
  EXPECT_EQ(stripAnsi("no escapes"), "no escapes");
}

TEST(Ansi, HugeParametersDoNotOverflow) {
  AnsiParser p;
  std::vector<StyledLine> lines;
  p.feed("\x1b[99999999999999999999;38;5;999999ma\n", lines);
  EXPECT_EQ(lines[0].plain(), "a");
}

}  // namespace
}  // namespace kp
