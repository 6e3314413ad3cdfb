using Nova.Resources;

namespace Nova.Resources.Tests;

public sealed class PythonReprTests
{
    [Theory]
    [InlineData("", "''")]
    [InlineData("1-", "'1-'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("\"q\"", "'\"q\"'")]
    [InlineData("it's \"q\"", @"'it\'s ""q""'")]
    [InlineData(@"a\b", @"'a\\b'")]
    [InlineData("\t\n\r\v\f", @"'\t\n\r\x0b\x0c'")]
    [InlineData("\u0000\u001f\u007f", @"'\x00\x1f\x7f'")]
    [InlineData("é", "'é'")]
    [InlineData("\u00ad", @"'\xad'")]
    [InlineData("\u00a0", @"'\xa0'")]
    [InlineData("\u2003", @"'\u2003'")]
    [InlineData("\u200b", @"'\u200b'")]
    [InlineData("\ud83d\ude00", "'\ud83d\ude00'")]
    [InlineData("\U000e0001", @"'\U000e0001'")]
    public void Quote_MatchesPythonRepr(string value, string expected)
    {
        PythonRepr.Quote(value).Should().Be(expected);
    }

    [Fact]
    public void Quote_LoneSurrogate_IsEscaped()
    {
        // Attribute data cannot carry a lone surrogate, so build it here.
        string value = new(['a', (char)0xd83d, 'b']);

        PythonRepr.Quote(value).Should().Be(@"'a\ud83db'");
    }
}
