namespace SoMeScholar.Graph;

/// <summary>A small seeded generator (Steele, Lea and Flood's SplitMix64): the same seed gives the same sequence on every
/// platform and .NET version, which <see cref="Random"/> does not promise.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, bound).</summary>
    public int NextInt(int bound) => (int)((Next() >> 33) * (ulong)bound >> 31);

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A generator for item <paramref name="index"/> of a stream, independent of the others.</summary>
    public static SplitMix64 ForItem(ulong seed, long index)
    {
        var mixer = new SplitMix64(seed ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1)));
        return new SplitMix64(mixer.Next());
    }
}
