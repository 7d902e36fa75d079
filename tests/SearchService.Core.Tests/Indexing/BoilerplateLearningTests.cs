using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Passages;

namespace SearchService.Core.Tests.Indexing;

/// <summary>
/// Boilerplate learned from a folder of real GAO reports: the notice every report prints is learned and never a
/// passage or snippet, also of a report added later; a paragraph only one report has is kept.
/// </summary>
public sealed class BoilerplateLearningTests
{
    private const string Gao = "U.S. Government Accountability Office";
    private static readonly string[] Reports = ["gao-26-107592.md", "gao-26-107682.md", "gao-26-107841.md", "gao-26-108534.md"];

    private static string Report(string file) => Fixtures.SharedCorpus("gao-reports", "markdown", file);

    [Fact]
    public void The_notice_every_report_prints_is_learned_and_dropped_and_a_paragraph_of_one_report_is_kept()
    {
        using var folder = new TempFolder();
        foreach (var file in Reports) File.Copy(Report(file), Path.Combine(folder.Path, file));
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));

        var report = BriefIngestor.Ingest(index, [folder.Path]);

        var learned = LearnedBoilerplate.For(index);
        var gao = Assert.Single(report.Boilerplate);
        Assert.Equal(Gao, gao.Publisher);
        Assert.True(gao.Dropped >= Reports.Length, $"the notice of each report is dropped; {gao.Dropped} paragraphs were");
        Assert.Contains(learned.Examples(Gao), p => p.Contains("is not subject to copyright protection"));

        foreach (var brief in index.AllBriefs())
        {
            Assert.DoesNotContain(index.PassageTexts(brief.Id), p => p.Contains("not subject to copyright"));
            Assert.DoesNotContain(index.PassageTexts(brief.Id), p => p.Contains("GAO's Mission"));
        }
        // Said in one report only: content, however GAO-like its wording.
        const string once = "All 49 states that responded to GAO's survey of child welfare agencies reported challenges";
        Assert.Contains(index.PassageTexts("gao-26-107592"), p => p.Contains(once));
        Assert.DoesNotContain(learned.Examples(Gao), p => p.Contains(once));

        var hits = new BriefSearcher(index).Search(new SearchRequest("copyright protection")).Hits;
        Assert.All(hits.SelectMany(h => h.Snippets), s => Assert.DoesNotContain("subject to", s));
    }

    [Fact]
    public void A_report_added_later_gets_no_passage_of_learned_boilerplate_and_a_deleted_one_is_forgotten()
    {
        using var folder = new TempFolder();
        using var live = LiveIndex.Open(Path.Combine(folder.Path, "index"));
        foreach (var file in Reports.Take(3)) live.Add(BriefExtractor.Extract(Report(file)));

        live.Add(BriefExtractor.Extract(Report("gao-26-108116.md")));

        using (var lease = live.Acquire())
        {
            Assert.DoesNotContain(lease.Index.PassageTexts("gao-26-108116"), p => p.Contains("not subject to copyright"));
            Assert.Contains(lease.Index.PassageTexts("gao-26-108116"), p => p.Contains("correspondence"));
        }

        live.Delete("gao-26-108116");
        live.Delete("gao-26-107841");
        using (var lease = live.Acquire())
        {
            // Two reports left: nothing recurs in three briefs any more.
            Assert.Empty(LearnedBoilerplate.For(lease.Index).Counts());
        }
    }

    [Fact]
    public void A_restart_reads_what_was_learned_from_the_generation_and_learns_again_after_a_write_made_meanwhile()
    {
        using var folder = new TempFolder();
        foreach (var file in Reports) File.Copy(Report(file), Path.Combine(folder.Path, file));
        var path = Path.Combine(folder.Path, "index");
        string[] expected;
        using (var index = BriefIndex.Open(path))
        {
            BriefIngestor.Ingest(index, [folder.Path]);
            var learned = LearnedBoilerplate.For(index);
            Assert.False(learned.ReadFromFile);
            expected = [.. learned.Examples(Gao).Order()];
            Assert.NotEmpty(expected);
        }
        Assert.True(File.Exists(Path.Combine(path, LearnedBoilerplate.FileName)));

        using (var index = BriefIndex.Open(path))
        {
            var learned = LearnedBoilerplate.For(index);
            Assert.True(learned.ReadFromFile);
            Assert.Equal(expected, learned.Examples(Gao).Order());
            Assert.Equal("This brief about water.", learned.Clean(Gao, "This brief about water. " + NoticeSentence(index)));
            // A write after reading keeps it current, and is what the next opening's file holds.
            index.Delete("gao-26-107841");
            index.Commit();
        }

        using (var index = BriefIndex.Open(path))
        {
            var learned = LearnedBoilerplate.For(index);
            Assert.True(learned.ReadFromFile);
            var gao = Assert.Single(learned.Counts());
            Assert.Equal(Reports.Length - 1, gao.Dropped / gao.Paragraphs);
        }

        // A write by a process that never learned (so never saved): the file is of another commit and is not used.
        using (var index = BriefIndex.Open(path))
        {
            index.Delete("gao-26-108534");
            index.Commit();
        }
        using (var index = BriefIndex.Open(path))
        {
            var learned = LearnedBoilerplate.For(index);
            Assert.False(learned.ReadFromFile);
            Assert.Empty(learned.Counts()); // two reports left: nothing recurs in three
        }
    }

    /// <summary>A sentence of the copyright notice as one of the index's reports prints it.</summary>
    private static string NoticeSentence(BriefIndex index) =>
        PassageBuilder.Sentences(index.AllBriefs().SelectMany(PublisherBoilerplate.Paragraphs).First(p => p.Contains("not subject to copyright protection")))
            .First(s => s.Contains("not subject to copyright protection"));

    [Fact]
    public void Paragraphs_recur_nearly_verbatim_whatever_their_case_digits_and_punctuation()
    {
        var learned = new PublisherBoilerplate();
        foreach (var (id, year) in new[] { ("a", 2024), ("b", 2025), ("c", 2026) })
        {
            learned.Observe(new Brief
            {
                Id = id,
                Title = id,
                Publisher = "Office",
                Sections = [new Section("End", $"Printed in {year}: this page is a work of the office, free to copy in its entirety.\n\nOnly brief {id} says this about {id}{id}{id} rivers and floods.", SectionRole.Other, "body")],
            });
        }

        Assert.True(learned.IsBoilerplate("Office", "PRINTED IN 1999 — this page is a work of the office; free to copy in its entirety"));
        Assert.False(learned.IsBoilerplate("Another office", "Printed in 2024: this page is a work of the office, free to copy in its entirety."));
        Assert.False(learned.IsBoilerplate("Office", "Only brief a says this about aaa rivers and floods."));
        Assert.Equal([new PublisherBoilerplateCount("Office", 1, 3)], learned.Counts());
    }
}
