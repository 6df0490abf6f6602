namespace SoMeScholar.Importers.Tests.X;

/// <summary>
/// A small synthetic X account archive (no licensed real one exists): the <c>data/</c> folder with account.js,
/// tweets.js (an original with hashtags and an edit, a reply, a retweet), follower.js, following.js and like.js in
/// the <c>window.YTD…</c> form with string numbers, written to a temporary folder.
/// </summary>
internal sealed class XArchiveFixture : IDisposable
{
    private XArchiveFixture(string path) => Path = path;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, "data", name);

    public static XArchiveFixture Create()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "somescholar-x-archive-" + Guid.NewGuid().ToString("N"));
        var data = Directory.CreateDirectory(System.IO.Path.Combine(root, "data")).FullName;
        System.IO.File.WriteAllText(System.IO.Path.Combine(data, "manifest.js"), """
            window.__THAR_CONFIG = {};
            window.YTD.manifest.part0 = {"userInfo":{"accountId":"1000000001","userName":"meded_owner"},"dataTypes":{"tweets":{"files":[{"fileName":"data/tweets.js","globalName":"YTD.tweets.part0","count":"3"}]}}};
            """);
        System.IO.File.WriteAllText(System.IO.Path.Combine(data, "account.js"), """
            window.YTD.account.part0 = [
              {
                "account" : {
                  "email" : "owner@example.org",
                  "createdVia" : "web",
                  "username" : "meded_owner",
                  "accountId" : "1000000001",
                  "createdAt" : "2012-03-04T05:06:07.000Z",
                  "accountDisplayName" : "Dr MedEd"
                }
              }
            ]
            """);
        System.IO.File.WriteAllText(System.IO.Path.Combine(data, "tweets.js"), """
            window.YTD.tweets.part0 = [
              {
                "tweet" : {
                  "edit_info" : { "initial" : { "editTweetIds" : [ "1997370581860180189", "1997370581860180190" ], "editableUntil" : "2025-12-06T19:20:30.000Z", "editsRemaining" : "4", "isEditEligible" : true } },
                  "retweeted" : false,
                  "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
                  "entities" : {
                    "hashtags" : [ { "text" : "MedEd", "indices" : [ "10", "16" ] }, { "text" : "FOAMed", "indices" : [ "17", "24" ] } ],
                    "symbols" : [ ],
                    "user_mentions" : [ ],
                    "urls" : [ { "url" : "https://t.co/abc", "expanded_url" : "https://example.org/ecg-course", "display_url" : "example.org/ecg-course", "indices" : [ "25", "48" ] } ]
                  },
                  "display_text_range" : [ "0", "48" ],
                  "favorite_count" : "12",
                  "id_str" : "1997370581860180189",
                  "truncated" : false,
                  "retweet_count" : "3",
                  "id" : "1997370581860180189",
                  "created_at" : "Sat Dec 06 18:20:30 +0000 2025",
                  "favorited" : false,
                  "full_text" : "New ECG  #MedEd #FOAMed https://t.co/abc",
                  "lang" : "en"
                }
              },
              {
                "tweet" : {
                  "retweeted" : false,
                  "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ { "name" : "E", "screen_name" : "E", "indices" : [ "0", "2" ], "id_str" : "1468258371", "id" : "1468258371" } ], "urls" : [ ] },
                  "display_text_range" : [ "0", "20" ],
                  "favorite_count" : "0",
                  "in_reply_to_status_id_str" : "1994041994348581220",
                  "id_str" : "1997370581860180200",
                  "in_reply_to_user_id" : "1468258371",
                  "truncated" : false,
                  "retweet_count" : "0",
                  "id" : "1997370581860180200",
                  "in_reply_to_status_id" : "1994041994348581220",
                  "created_at" : "Sun Dec 07 08:00:00 +0000 2025",
                  "favorited" : false,
                  "full_text" : "@E thanks, très utile",
                  "lang" : "en",
                  "in_reply_to_screen_name" : "E",
                  "in_reply_to_user_id_str" : "1468258371"
                }
              },
              {
                "tweet" : {
                  "retweeted" : false,
                  "entities" : { "hashtags" : [ { "text" : "MedEd", "indices" : [ "30", "36" ] } ], "symbols" : [ ], "user_mentions" : [ { "name" : "Colleague", "screen_name" : "colleague", "indices" : [ "3", "13" ], "id_str" : "2000000002", "id" : "2000000002" } ], "urls" : [ ] },
                  "display_text_range" : [ "0", "36" ],
                  "favorite_count" : "0",
                  "id_str" : "1997370581860180300",
                  "truncated" : false,
                  "retweet_count" : "5",
                  "id" : "1997370581860180300",
                  "created_at" : "Mon Dec 08 09:00:00 +0000 2025",
                  "favorited" : false,
                  "full_text" : "RT @colleague: grand rounds #MedEd",
                  "lang" : "en"
                }
              }
            ]
            """);
        System.IO.File.WriteAllText(System.IO.Path.Combine(data, "follower.js"), """
            window.YTD.follower.part0 = [
              { "follower" : { "accountId" : "3000000003", "userLink" : "https://twitter.com/intent/user?user_id=3000000003" } },
              { "follower" : { "accountId" : "3000000004", "userLink" : "https://twitter.com/intent/user?user_id=3000000004" } }
            ]
            """);
        System.IO.File.WriteAllText(System.IO.Path.Combine(data, "following.js"), """
            window.YTD.following.part0 = [
              { "following" : { "accountId" : "2000000002", "userLink" : "https://twitter.com/intent/user?user_id=2000000002" } }
            ]
            """);
        System.IO.File.WriteAllText(System.IO.Path.Combine(data, "like.js"), """
            window.YTD.like.part0 = [
              { "like" : { "tweetId" : "1500000000000000001", "fullText" : "a liked tweet", "expandedUrl" : "https://twitter.com/i/web/status/1500000000000000001" } }
            ]
            """);
        return new XArchiveFixture(root);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
