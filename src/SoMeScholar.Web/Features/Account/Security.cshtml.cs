using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Account;

/// <summary>A person's account security: two-factor sign-in (TOTP), personal API tokens, and signing out everywhere.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SecurityModel(UserManager<ScholarUser> users, SignInManager<ScholarUser> signIn, ApiTokens tokens) : PageModel
{
    public const string Issuer = "SoMeScholar";

    public bool TwoFactorEnabled { get; private set; }
    public string? AuthenticatorKey { get; private set; }
    public string? AuthenticatorUri { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public IReadOnlyList<ApiTokenSummary> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty]
    public string VerificationCode { get; set; } = "";

    [BindProperty]
    public string TokenName { get; set; } = "";

    [BindProperty]
    public int? TokenDays { get; set; } = 90;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    /// <summary>Shows a new authenticator key (replacing any earlier one that was never verified).</summary>
    public async Task<IActionResult> OnPostSetupAuthenticatorAsync()
    {
        var user = await UserAsync();
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            await users.ResetAuthenticatorKeyAsync(user);
        }

        return await LoadAsync(showKey: true);
    }

    public async Task<IActionResult> OnPostEnableAuthenticatorAsync()
    {
        var user = await UserAsync();
        var code = VerificationCode.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = "That code does not match. Check the time on your device and try the current code.";
            return await LoadAsync(showKey: true);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        Message = "Two-factor sign-in is on. Keep these recovery codes somewhere safe: each works once, and they are shown only now.";
        return await LoadAsync();
    }

    public async Task<IActionResult> OnPostDisableAuthenticatorAsync()
    {
        var user = await UserAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        Message = "Two-factor sign-in is off.";
        return await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync()
    {
        var user = await UserAsync();
        try
        {
            var (_, secret) = await tokens.CreateAsync(user.Id, TokenName, TokenDays, HttpContext.RequestAborted);
            NewToken = secret;
            Message = "Copy the token now: it is shown only once. Send it as 'Authorization: Bearer <token>'.";
        }
        catch (ArgumentException e)
        {
            Error = e.Message.Split(" (Parameter")[0];
        }

        return await LoadAsync();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(long tokenId)
    {
        var user = await UserAsync();
        Message = await tokens.RevokeAsync(user.Id, tokenId, HttpContext.RequestAborted) ? "Token revoked." : "No such token.";
        return await LoadAsync();
    }

    /// <summary>Changes the security stamp: every other session fails its next stamp check; this one is renewed.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var user = await UserAsync();
        await users.UpdateSecurityStampAsync(user);
        await signIn.RefreshSignInAsync(user);
        Message = "Every other session is being signed out (within a minute). This browser stays signed in.";
        return await LoadAsync();
    }

    private async Task<ScholarUser> UserAsync() => await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");

    private async Task<IActionResult> LoadAsync(bool showKey = false)
    {
        var user = await UserAsync();
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        if (showKey && !TwoFactorEnabled)
        {
            AuthenticatorKey = await users.GetAuthenticatorKeyAsync(user);
            AuthenticatorUri = AuthenticatorKey is null ? null : OtpAuthUri(user.UserName!, AuthenticatorKey);
        }

        Tokens = await tokens.ListAsync(user.Id, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The Key Uri Format authenticator apps read: otpauth://totp/Issuer:account?secret=KEY&amp;issuer=Issuer&amp;digits=6.</summary>
    public static string OtpAuthUri(string account, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>The key in groups of four, easier to type.</summary>
    public static string Grouped(string key) => string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}
