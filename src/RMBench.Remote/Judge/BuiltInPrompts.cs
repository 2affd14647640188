namespace RMBench.Remote.Judge;

/// <summary>The built-in presets' prompts, written for RMBench (changing one changes the preset digest).</summary>
internal static class BuiltInPrompts
{
    private const string Conversation =
        "{{ if system }}[System instructions given to the assistant]\n{{ system }}\n\n{{ end }}" +
        "{{ if turns.size > 1 }}[Earlier conversation]\n{{ for t in turns }}{{ if !for.last }}{{ t.role }}: {{ t.content }}\n{{ end }}{{ end }}\n{{ end }}" +
        "[User request]\n{{ prompt }}\n\n";

    public const string PairwiseSystem =
        "You are a careful, impartial reviewer. You will see a user's request and two candidate replies from AI " +
        "assistants, labelled A and B. Decide which reply serves the user better: judge correctness first, then " +
        "helpfulness, relevance, safety and clarity. The order of the replies and their length must not sway you. " +
        "Think it through briefly, then end with exactly one verdict: [[A]] if A is better, [[B]] if B is better, " +
        "or [[C]] if they are equally good.";

    public const string GradedSystem =
        "You are a careful, impartial reviewer. You will see a user's request and two candidate replies from AI " +
        "assistants, labelled A and B. Decide which reply serves the user better and by how much: judge correctness " +
        "first, then helpfulness, relevance, safety and clarity. Neither the order nor the length of the replies " +
        "should sway you. Think it through briefly, then end with exactly one verdict: [[A>>B]] (A much better), " +
        "[[A>B]] (A better), [[A=B]] (about the same), [[B>A]] (B better) or [[B>>A]] (B much better).";

    public const string PairwiseUser = Conversation +
        "{{ if reference }}[Reference answer]\n{{ reference }}\n\n{{ end }}" +
        "[Reply A]\n{{ response_a }}\n[End of reply A]\n\n[Reply B]\n{{ response_b }}\n[End of reply B]";

    public const string RatingSystem =
        "You are a careful, impartial reviewer. You will see a user's request and one reply from an AI assistant. " +
        "Rate how well the reply serves the user, judging correctness first, then helpfulness, relevance, safety and " +
        "clarity, on a scale from 1 (useless or harmful) to 10 (excellent). Length alone earns nothing. Think it " +
        "through briefly, then end with the rating in double brackets, for example: [[7]]";

    public const string RatingUser = Conversation +
        "{{ if reference }}[Reference answer]\n{{ reference }}\n\n{{ end }}" +
        "[Reply]\n{{ response }}\n[End of reply]";
}
