using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Browser.Tests.Mentors;

/// <summary>A live server without the demo: the mentor opts in through the page, so the test needs seconds, not a demo build.</summary>
public sealed class EmptyLiveServer : LiveServer
{
    protected override bool WithDemo => false;
}

[Trait("Category", "Browser")]
public class MentorIntroductionTests(EmptyLiveServer server) : IClassFixture<EmptyLiveServer>
{
    [Fact]
    public async Task A_trainee_finds_a_mentor_sends_an_introduction_request_and_the_mentor_accepts_it()
    {
        var (mentorName, mentorPassword) = await AddUserAsync("Dr Ada Mentor");
        var (traineeName, traineePassword) = await AddUserAsync("Tia Trainee");

        // The mentor opts in on their profile page.
        var mentor = await SignedInPageAsync(mentorName, mentorPassword);
        await mentor.GotoAsync("/Mentors/Profile");
        await mentor.GetByLabel("Mentoring topics").FillAsync("point-of-care ultrasound\n#POCUS");
        await mentor.GetByLabel("Specialty").FillAsync("Emergency Medicine");
        await mentor.GetByLabel("Time zone").FillAsync("Europe/London");
        await mentor.GetByLabel("Languages").FillAsync("en");
        await mentor.GetByLabel("Mentees at a time").FillAsync("2");
        await mentor.GetByLabel("research").CheckAsync();
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Opt in as a mentor" }).ClickAsync();
        await Assertions.Expect(mentor.GetByTestId("profile-message")).ToContainTextAsync("You are now a mentor");

        // The trainee states what they look for and sees the mentor with the reason.
        var trainee = await SignedInPageAsync(traineeName, traineePassword);
        await trainee.GotoAsync("/Mentors/Find");
        await trainee.GetByLabel("Topics you want to learn about").FillAsync("ultrasound teaching");
        await trainee.GetByLabel("Hashtags you follow").FillAsync("#POCUS");
        await trainee.GetByLabel("Time zone").FillAsync("Europe/Berlin");
        await trainee.GetByLabel("Languages").FillAsync("en");
        await trainee.GetByLabel("research").CheckAsync();
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Save and find mentors" }).ClickAsync();
        var recommendation = trainee.GetByTestId("recommendation").Filter(new() { HasText = "Dr Ada Mentor" });
        await Assertions.Expect(recommendation.GetByTestId("reason")).ToContainTextAsync("among their mentoring topics");
        await trainee.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("mentors-recommendations"), FullPage = true });

        // The trainee writes the introduction request from the mentor's page.
        await recommendation.GetByRole(AriaRole.Link, new() { Name = "Request an introduction" }).ClickAsync();
        await trainee.GetByLabel("Your message").FillAsync("I am a resident starting a point-of-care ultrasound teaching project. Could we talk for half an hour?");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Send introduction request" }).ClickAsync();
        await Assertions.Expect(trainee.GetByTestId("introductions-message")).ToContainTextAsync("Introduction request sent");
        await Assertions.Expect(trainee.GetByTestId("sent-status").First).ToHaveTextAsync("pending");

        // The mentor sees it and accepts.
        await mentor.GotoAsync("/Mentors");
        await Assertions.Expect(mentor.GetByTestId("unread-notifications")).ToContainTextAsync("1 new");
        await mentor.GotoAsync("/Mentors/Introductions");
        var received = mentor.GetByTestId("received-introduction").Filter(new() { HasText = "Tia Trainee" });
        await Assertions.Expect(received).ToContainTextAsync("ultrasound teaching project");
        await received.GetByLabel("Answer (optional)").FillAsync("Gladly. Send me two times that suit you next week.");
        await received.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(mentor.GetByTestId("introductions-message")).ToContainTextAsync("Accepted");
        await Assertions.Expect(mentor.GetByTestId("received-status").First).ToHaveTextAsync("accepted");
        await mentor.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("mentors-accepted"), FullPage = true });

        // The trainee sees the answer.
        await trainee.GotoAsync("/Mentors/Introductions");
        await Assertions.Expect(trainee.GetByTestId("sent-status").First).ToHaveTextAsync("accepted");
        await Assertions.Expect(trainee.GetByTestId("notifications")).ToContainTextAsync("Dr Ada Mentor accepted your introduction request");
        await Assertions.Expect(trainee.GetByTestId("sent")).ToContainTextAsync("Gladly.");
    }

    private async Task<(string UserName, string Password)> AddUserAsync(string displayName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var name = $"u{Guid.NewGuid():N}"[..16];
        var password = UserAdministration.GeneratePassword();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(name, null, Roles.Member, password, displayName: displayName);
        return (name, password);
    }

    private async Task<IPage> SignedInPageAsync(string userName, string password)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("User name or e-mail").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }
}
