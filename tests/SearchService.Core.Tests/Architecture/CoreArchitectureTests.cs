using System.Reflection;
using ArchUnitNET.Fluent;
using ArchUnitNET.xUnit;
using SearchService.Core.Indexing;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;
using ArchLoader = ArchUnitNET.Loader.ArchLoader;

namespace SearchService.Core.Tests.Architecture;

/// <summary>
/// Keeps Core's layering: its top-level namespaces (Briefs, Extraction, Passages, Semantic, Indexing, Queries, Search,
/// Related, Evaluation, …) depend on each other in one direction only, and Lucene stays an implementation detail of
/// Core (no public member of Core speaks in Lucene types).
/// </summary>
public sealed class CoreArchitectureTests
{
    private static readonly Assembly CoreAssembly = typeof(BriefIndex).Assembly;
    private static readonly Lazy<ArchitectureModel> Core = new(() => new ArchLoader().LoadAssemblies(CoreAssembly).Build());

    /// <summary>
    /// Core's top-level namespaces from the bottom up: a namespace may use those of lower tiers only, never one of its
    /// own tier or above, so no cycle between them can return. A namespace's sub-namespaces (Extraction.Pdf,
    /// Indexing.Vectors) are its parts and count as it. A new namespace must be placed here. (Constants are compiled
    /// into their users, so a use of a <c>const</c> alone is no dependency the check can see.)
    /// </summary>
    private static readonly string[][] Tiers =
    [
        ["Analytics", "Briefs", "Caching", "Queries"],
        ["Extraction", "Semantic"],
        ["Passages"],
        ["Indexing"],
        ["Relevance", "Suggest", "Synonyms"],
        ["Related", "Search"],
        ["Evaluation", "Themes"],
    ];

    [Fact]
    public void Core_namespaces_use_only_lower_tiers_so_they_have_no_cycles()
    {
        var rules = Tiers.SelectMany((tier, level) => tier.Select(name =>
        {
            var notBelow = Tiers.Skip(level).SelectMany(t => t).Where(other => other != name).ToArray();
            return (IArchRule)Types().That().ResideInNamespaceMatching(Pattern(name))
                .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Pattern(notBelow))
                .Because($"{name} is in tier {level}: move the type it needs down, or the type that needs it up");
        }));
        rules.Aggregate((all, rule) => all.And(rule)).Check(Core.Value);
    }

    [Fact]
    public void Every_Core_namespace_has_a_tier()
    {
        var placed = Tiers.SelectMany(t => t).ToHashSet();
        var unplaced = CoreAssembly.GetTypes()
            .Select(t => t.Namespace?.Split('.') is ["SearchService", "Core", var top, ..] ? top : null)
            .OfType<string>()
            .Where(top => !placed.Contains(top))
            .Distinct();
        Assert.Empty(unplaced);
    }

    /// <summary>A regular expression for types in <paramref name="names"/> (top-level Core namespaces) or their sub-namespaces.</summary>
    private static string Pattern(params string[] names) => $@"^SearchService\.Core\.({string.Join('|', names)})(\..+)?$";

    [Fact]
    public void No_public_member_of_Core_exposes_a_Lucene_type()
    {
        var exposed = CoreAssembly.GetExportedTypes()
            .SelectMany(type => PublicSignatureTypes(type).Where(IsLucene).Select(lucene => $"{type.FullName} exposes {lucene.FullName}"))
            .Distinct()
            .ToList();
        Assert.True(exposed.Count == 0, "Keep Lucene inside Core (make the member internal, or speak in Core's own types):\n" + string.Join("\n", exposed));
    }

    private static bool IsLucene(Type type) => type.Namespace?.StartsWith("Lucene.", StringComparison.Ordinal) == true;

    /// <summary>Every type named in what code outside Core can see of <paramref name="type"/>: base types, and the signatures of its public and protected members.</summary>
    private static IEnumerable<Type> PublicSignatureTypes(Type type)
    {
        const BindingFlags visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var named = new List<Type>();
        if (type.BaseType is { } baseType) named.Add(baseType);
        named.AddRange(type.GetInterfaces());
        foreach (var member in type.GetMembers(visible))
        {
            switch (member)
            {
                case FieldInfo field when field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly:
                    named.Add(field.FieldType);
                    break;
                case PropertyInfo property when property.GetAccessors(nonPublic: true).Any(IsVisible):
                    named.Add(property.PropertyType);
                    break;
                case EventInfo @event when @event.AddMethod is { } add && IsVisible(add):
                    named.Add(@event.EventHandlerType!);
                    break;
                case MethodBase method when IsVisible(method):
                    named.AddRange(method.GetParameters().Select(p => p.ParameterType));
                    if (method is MethodInfo withResult) named.Add(withResult.ReturnType);
                    break;
            }
        }
        return named.SelectMany(Unwrap);
    }

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    /// <summary>A type with the types it is made of: element types (arrays, by-ref) and generic arguments.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType) return Unwrap(type.GetElementType()!);
        if (!type.IsGenericType) return [type];
        return new[] { type.GetGenericTypeDefinition() }.Concat(type.GetGenericArguments().SelectMany(Unwrap));
    }
}
