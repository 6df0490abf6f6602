using System.Text.Json;
using SoMeScholar.Importers.Reading;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Bluesky;

/// <summary>
/// Jetstream v1 event lines (one JSON object per line, as the WebSocket delivers them and as <c>websocat</c> or the
/// fixtures store them). <c>commit</c> create/update of posts, reposts, likes, follows and profiles become posts,
/// interactions and accounts; a delete becomes an <see cref="ImportedDeletion"/> keyed on the record's AT-URI;
/// <c>identity</c> and <c>account</c> events become <see cref="ImportedAccountStatus"/>. Other collections are
/// counted in <see cref="ReadStatistics.Ignored"/> and skipped.
/// </summary>
public sealed class JetstreamReader : LineRecordReader
{
    public static ImportFormat Definition { get; } = new("bluesky-jetstream", Platform.Bluesky, ResumeUnit.Line,
        "Bluesky Jetstream v1 event lines (commit/identity/account)");

    public override ImportFormat Format => Definition;

    private protected override void ParseLine(ReadOnlySpan<byte> line, ParseContext context) => JetstreamParser.ParseEvent(line, context);
}

internal enum JetstreamKind : byte
{
    Unknown,
    Commit,
    Identity,
    Account,
}

internal enum CommitOperation : byte
{
    Unknown,
    Create,
    Update,
    Delete,
}

/// <summary>Parses one Jetstream event with <see cref="Utf8JsonReader"/>; key order does not matter.</summary>
internal static class JetstreamParser
{
    /// <summary>Parses an event into the context's output and returns its <c>time_us</c> (0 when absent).</summary>
    public static long ParseEvent(ReadOnlySpan<byte> json, ParseContext context)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        BlueskyRecords.ExpectStart(ref reader, JsonTokenType.StartObject);
        var draft = context.BlueskyDraft;
        draft.Reset();

        string? did = null;
        long timeUs = 0;
        var kind = JetstreamKind.Unknown;
        string? unknownKind = null;
        var operation = CommitOperation.Unknown;
        var collection = BskyCollection.Other;
        string? collectionName = null;
        var hasCollection = false;
        Span<char> rkeyBuffer = stackalloc char[512];
        var rkeyLength = -1;
        string? cid = null;
        var recordParsed = false;
        int recordStart = -1, recordEnd = -1;
        string? handle = null;
        string? statusText = null;
        bool? active = null;
        DateTime? eventTime = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("did"u8))
            {
                context.Field = "did";
                reader.Read();
                did = context.CachedString(ref reader);
            }
            else if (reader.ValueTextEquals("time_us"u8))
            {
                context.Field = "time_us";
                reader.Read();
                timeUs = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                context.Field = "kind";
                reader.Read();
                kind = reader.ValueTextEquals("commit"u8) ? JetstreamKind.Commit
                    : reader.ValueTextEquals("identity"u8) ? JetstreamKind.Identity
                    : reader.ValueTextEquals("account"u8) ? JetstreamKind.Account
                    : reader.TokenType == JsonTokenType.String ? JetstreamKind.Unknown : throw new InvalidDataException("kind is not a string");
                if (kind == JetstreamKind.Unknown)
                {
                    unknownKind = reader.GetString();
                }
            }
            else if (reader.ValueTextEquals("commit"u8))
            {
                reader.Read();
                BlueskyRecords.ExpectStart(ref reader, JsonTokenType.StartObject);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("operation"u8))
                    {
                        context.Field = "commit.operation";
                        reader.Read();
                        operation = reader.ValueTextEquals("create"u8) ? CommitOperation.Create
                            : reader.ValueTextEquals("update"u8) ? CommitOperation.Update
                            : reader.ValueTextEquals("delete"u8) ? CommitOperation.Delete
                            : reader.TokenType == JsonTokenType.String ? CommitOperation.Unknown : throw new InvalidDataException("operation is not a string");
                    }
                    else if (reader.ValueTextEquals("collection"u8))
                    {
                        context.Field = "commit.collection";
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            throw new InvalidDataException("collection is not a string");
                        }

                        collection = reader.ValueIsEscaped ? BlueskyNames.Classify(reader.GetString()!) : BlueskyNames.Classify(reader.ValueSpan);
                        if (collection == BskyCollection.Other)
                        {
                            collectionName = reader.GetString();
                        }

                        hasCollection = true;
                    }
                    else if (reader.ValueTextEquals("rkey"u8))
                    {
                        context.Field = "commit.rkey";
                        reader.Read();
                        rkeyLength = ReadRecordKey(ref reader, rkeyBuffer);
                    }
                    else if (reader.ValueTextEquals("cid"u8))
                    {
                        context.Field = "commit.cid";
                        reader.Read();
                        cid = reader.GetString();
                    }
                    else if (reader.ValueTextEquals("record"u8))
                    {
                        context.Field = "commit.record";
                        reader.Read();
                        if (hasCollection)
                        {
                            if (collection == BskyCollection.Other)
                            {
                                reader.Skip();
                            }
                            else
                            {
                                context.FieldPrefix = "commit.record.";
                                BlueskyRecords.ParseRecord(ref reader, collection, draft, context);
                                context.FieldPrefix = null;
                                recordParsed = true;
                            }
                        }
                        else
                        {
                            // The collection comes later: keep the record's bytes and parse them once it is known.
                            recordStart = (int)reader.TokenStartIndex;
                            reader.Skip();
                            recordEnd = (int)reader.BytesConsumed;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("identity"u8) || reader.ValueTextEquals("account"u8))
            {
                var section = reader.ValueTextEquals("identity"u8) ? "identity." : "account.";
                reader.Read();
                BlueskyRecords.ExpectStart(ref reader, JsonTokenType.StartObject);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("handle"u8))
                    {
                        context.Field = section + "handle";
                        reader.Read();
                        handle = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                    }
                    else if (reader.ValueTextEquals("time"u8))
                    {
                        context.Field = section + "time";
                        reader.Read();
                        eventTime = Timestamps.TryParseIso(reader.GetString().AsSpan(), out var when) ? when : null;
                    }
                    else if (reader.ValueTextEquals("active"u8))
                    {
                        context.Field = section + "active";
                        reader.Read();
                        active = reader.GetBoolean();
                    }
                    else if (reader.ValueTextEquals("status"u8))
                    {
                        context.Field = section + "status";
                        reader.Read();
                        statusText = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                    }
                    else if (reader.ValueTextEquals("did"u8) && did is null)
                    {
                        context.Field = section + "did";
                        reader.Read();
                        did = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        context.Field = null;
        if (did is null)
        {
            context.Reject("did", "missing required field 'did'", json);
            return timeUs;
        }

        if (!AtSyntax.IsValidDid(did))
        {
            context.Reject("did", $"invalid DID '{Excerpts.Of(did)}'", json);
            return timeUs;
        }

        DateTime? seenAt = timeUs > 0 ? Timestamps.FromUnixMicroseconds(timeUs) : null;
        switch (kind)
        {
            case JetstreamKind.Commit:
                BuildCommit(json, context, draft, did, seenAt, operation, collection, collectionName, hasCollection, rkeyLength < 0 ? null : rkeyBuffer[..rkeyLength], rkeyLength >= 0, cid, recordParsed, recordStart, recordEnd);
                break;
            case JetstreamKind.Identity:
                context.Add(new ImportedAccountStatus
                {
                    Position = context.Next(),
                    Platform = Platform.Bluesky,
                    ExternalId = did,
                    Handle = handle is not null && handle != "handle.invalid" && AtSyntax.IsValidHandle(handle) ? handle : null,
                    OccurredAt = eventTime ?? seenAt,
                });
                break;
            case JetstreamKind.Account:
                context.Add(new ImportedAccountStatus
                {
                    Position = context.Next(),
                    Platform = Platform.Bluesky,
                    ExternalId = did,
                    Status = active == true ? AccountStatus.Active : StatusOf(statusText),
                    OccurredAt = eventTime ?? seenAt,
                });
                break;
            default:
                if (unknownKind is null)
                {
                    context.Reject("kind", "missing required field 'kind'", json);
                }
                else
                {
                    // Kinds added after v1 (e.g. sync) are skipped, not quarantined.
                    context.Ignore("event kind " + (unknownKind.Length <= 32 ? unknownKind : "(long)"));
                }

                break;
        }

        return timeUs;
    }

    private static void BuildCommit(ReadOnlySpan<byte> json, ParseContext context, BlueskyDraft draft, string did, DateTime? seenAt,
        CommitOperation operation, BskyCollection collection, string? collectionName, bool hasCollection, ReadOnlySpan<char> rkey, bool hasRkey, string? cid,
        bool recordParsed, int recordStart, int recordEnd)
    {
        if (!hasCollection)
        {
            context.Reject("commit.collection", "missing required field 'commit.collection'", json);
            return;
        }

        if (collection == BskyCollection.Other)
        {
            if (context.Statistics is not null)
            {
                context.Ignore("collection " + (collectionName is { Length: <= 128 } ? collectionName : "(invalid)"));
            }

            return;
        }

        if (!hasRkey)
        {
            context.Reject("commit.rkey", "missing required field 'commit.rkey'", json);
            return;
        }

        if (!AtSyntax.IsValidRecordKey(rkey))
        {
            context.Reject("commit.rkey", $"invalid record key '{Excerpts.Of(rkey.ToString())}'", json);
            return;
        }

        switch (operation)
        {
            case CommitOperation.Delete:
                if (collection == BskyCollection.Profile)
                {
                    context.Ignore("profile delete");
                    return;
                }

                BlueskyRecords.BuildDeletion(collection, did, rkey, seenAt, context);
                return;
            case CommitOperation.Create or CommitOperation.Update:
                if (!recordParsed)
                {
                    if (recordStart < 0)
                    {
                        context.Reject("commit.record", "missing required field 'commit.record'", json);
                        return;
                    }

                    context.FieldPrefix = "commit.record.";
                    BlueskyRecords.ParseRecord(json[recordStart..recordEnd], collection, draft, context);
                }

                context.FieldPrefix = "commit.record.";
                BlueskyRecords.Build(draft, collection, did, rkey, cid, new BlueskyRecords.ViewFacts(null, seenAt, null), context);
                context.FieldPrefix = null;
                return;
            default:
                context.Reject("commit.operation", "missing or unknown commit operation (create, update or delete)", json);
                return;
        }
    }

    /// <summary>Copies a record key into <paramref name="buffer"/>; an over-long key is cut to 513 characters (invalid).</summary>
    private static int ReadRecordKey(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidDataException("rkey is not a string");
        }

        if (reader.ValueIsEscaped || reader.ValueSpan.Length > buffer.Length)
        {
            var text = reader.GetString()!;
            if (text.Length > buffer.Length)
            {
                // Longer than any valid key: keep a cut copy that fails validation.
                text.AsSpan(0, buffer.Length).CopyTo(buffer);
                buffer[^1] = '/';
                return buffer.Length;
            }

            text.CopyTo(buffer);
            return text.Length;
        }

        var bytes = reader.ValueSpan;
        for (var i = 0; i < bytes.Length; i++)
        {
            buffer[i] = bytes[i] < 128 ? (char)bytes[i] : '\uFFFD';
        }

        return bytes.Length;
    }

    internal static AccountStatus? StatusOf(string? status) => status switch
    {
        "deactivated" => AccountStatus.Deactivated,
        "suspended" => AccountStatus.Suspended,
        "takendown" => AccountStatus.TakenDown,
        "deleted" => AccountStatus.Deleted,
        _ => null,
    };

    /// <summary>Reads only <c>time_us</c> of an event (the streaming client's cursor when an event fails to parse).</summary>
    public static long PeekTimeUs(ReadOnlySpan<byte> json)
    {
        var index = json.IndexOf("\"time_us\""u8);
        if (index < 0)
        {
            return 0;
        }

        var rest = json[(index + 9)..].TrimStart(" \t:"u8);
        long value = 0;
        var digits = 0;
        foreach (var b in rest)
        {
            if (b is < (byte)'0' or > (byte)'9' || digits > 18)
            {
                break;
            }

            value = (value * 10) + (b - '0');
            digits++;
        }

        return value;
    }
}
