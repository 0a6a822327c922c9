using System.Text;
using Ursa.Runtimes.Qemu.Seed;

namespace Ursa.UnitTests.Runtimes.Qemu.Seed;

public sealed class UserDataComposerTests
{
    private const string Key = "ssh-ed25519 AAAAC3 user@host";

    [Theory]
    [InlineData("#cloud-config\nruncmd: [touch, /x]\n", null, false, "#cloud-config\nruncmd: [touch, /x]\n")]
    [InlineData("#!/bin/bash\necho hi\n", null, true, "#!/bin/bash\necho hi\n")]
    [InlineData(null, "#!/bin/sh\necho script\n", true, "#!/bin/sh\necho script\n")]
    [InlineData(null, "echo no-shebang", false, "#!/bin/sh\necho no-shebang")]
    [InlineData(null, null, true, "#cloud-config\nssh_authorized_keys:\n  - \"" + Key + "\"\n")]
    [InlineData(null, "   ", false, "#cloud-config\n")]
    [InlineData("", null, false, "#cloud-config\n")]
    public void Compose_SingleSource_AsIs(string? userData, string? script, bool withKey, string expected)
    {
        byte[] result = UserDataComposer.Compose(userData is null ? null : Encoding.UTF8.GetBytes(userData), script, withKey ? [Key] : []);

        Assert.Equal(expected, Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void Compose_UserDataAndScript_MultipartWithBothParts()
    {
        byte[] userData = Encoding.UTF8.GetBytes("#cloud-config\nruncmd:\n  - touch /from-cloud-config\n");

        string mime = Encoding.ASCII.GetString(UserDataComposer.Compose(userData, "touch /from-script", [Key]));

        string[] lines = mime.Split('\n');
        Assert.StartsWith("Content-Type: multipart/mixed; boundary=\"===============ursa", lines[0], StringComparison.Ordinal);
        string boundary = lines[0].Split("boundary=\"")[1].TrimEnd('"');
        Assert.Equal("MIME-Version: 1.0", lines[1]);
        Assert.Equal(2, lines.Count(l => l == "--" + boundary));
        Assert.Equal("--" + boundary + "--", lines[^2]);
        Assert.Contains("Content-Type: text/cloud-config; charset=\"us-ascii\"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\n" +
            "Content-Disposition: attachment; filename=\"part-1\"\n\n#cloud-config\nruncmd:\n  - touch /from-cloud-config\n", mime, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/x-shellscript; charset=\"us-ascii\"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\n" +
            "Content-Disposition: attachment; filename=\"part-2\"\n\n#!/bin/sh\ntouch /from-script\n", mime, StringComparison.Ordinal);
        Assert.Equal(mime, Encoding.ASCII.GetString(UserDataComposer.Compose(userData, "touch /from-script", [Key])));
    }

    [Fact]
    public void Compose_NonAsciiPart_Base64()
    {
        byte[] userData = Encoding.UTF8.GetBytes("#cloud-config\nfinal_message: \"grüße\"\n");

        string mime = Encoding.ASCII.GetString(UserDataComposer.Compose(userData, "echo ok", []));

        Assert.Contains("Content-Type: text/cloud-config\nMIME-Version: 1.0\nContent-Transfer-Encoding: base64\n", mime, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(userData), mime, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#cloud-config-archive\n", "text/cloud-config-archive")]
    [InlineData("#cloud-config\n", "text/cloud-config")]
    [InlineData("#include-once\nhttp://x\n", "text/x-include-once-url")]
    [InlineData("#include\nhttp://x\n", "text/x-include-url")]
    [InlineData("#cloud-boothook\n", "text/cloud-boothook")]
    [InlineData("#!/usr/bin/env python3\n", "text/x-shellscript")]
    [InlineData("## template: jinja\n", "text/jinja2")]
    [InlineData("hello", "text/plain")]
    public void ContentType_ByPrefix(string content, string expected) =>
        Assert.Equal(expected, UserDataComposer.ContentType(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void ContentType_Gzip() => Assert.Equal("application/x-gzip", UserDataComposer.ContentType([0x1f, 0x8b, 8, 0]));
}
