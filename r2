{
  "reviewMonths": {
    "p50": 8.6,
    "p80": 12
  },
  "japanSubmissionMonths": {
    "p50": 6.7,
    "p80": 10.4
  },
  "japanDecisionMonths": {
    "p50": 16.1,
    "p80": 21.2
  },
  "lagMonths": {
    "p50": 16.1,
    "p80": 21.2
  },
  "applicationLagMonths": {
    "p50": 16.5,
    "p80": 23.9
  },
  "reviewLagMonths": {
    "p50": 0.2,
    "p80": 4.8
  },
  "probabilityJapanFirst": 0,
  "stages": [
    {
      "stage": "preparation",
      "p50": 6,
      "p80": 10,
      "source": "benchmarks.md §8.1 C1: expert default, no public benchmark",
      "figure": "prep.new",
      "phase": "submission",
      "cycles": 1,
      "probability": null,
      "rule": "timeline row 1 (tl_preparation)"
    },
    {
      "stage": "consultation",
      "p50": 4,
      "p80": 6,
      "source": "derived from the PMDA steps: date request, reply within 10 business days, documents 5 weeks before the meeting (https://www.pmda.go.jp/review-services/f2f-pre/consultations/0012.html, 0013.html, H) and the record target (80 % of records finalised within 30 working days, 5th mid-term goal, https://wic-net.com/material/document/13968/5, H for drugs) [benchmarks.md §7]",
      "figure": "consultation.cycle",
      "phase": "submission",
      "cycles": 1,
      "probability": null,
      "rule": "timeline row 3 (tl_consultation)"
    },
    {
      "stage": "review",
      "p50": 8.6,
      "p80": 12,
      "source": "PMDA 第4期中期計画 FY2019–2023: 新医療機器（通常品目） 80%タイル値 12か月, approval cohort [benchmarks.md §1.1, M]; 5th plan FY2024–2028: for drugs MHLW 資料4-2「次期中期目標の概要」(2024-03-21) keeps the previous targets (https://www.wic-net.com/material/document/13963/6, H for drugs, L for devices); PMDA 申請区分ごとの審査期間の目安: 12 months (https://www.pmda.go.jp/review-services/drug-reviews/about-reviews/devices/0035.html, H)",
      "figure": "review.new-standard",
      "phase": "review",
      "cycles": 1,
      "probability": null,
      "rule": "timeline row 7 (tl_review)"
    },
    {
      "stage": "reference-review",
      "p50": 8.5,
      "p80": 14.6,
      "source": "FDA MDUFA performance reports https://www.fda.gov/media/190104/download, PMA original + panel-track, no panel, total time P40/P60/P80 218/281/444 days (FY2024: 230/301/437) [benchmarks.md §4.4]",
      "figure": "ref.pma",
      "phase": "reference",
      "cycles": 1,
      "probability": null,
      "rule": "timeline row 9 (tl_reference_decision)"
    }
  ],
  "draws": 20000,
  "seed": 3,
  "figures": [
    "prep.new",
    "consultation.cycle",
    "review.new-standard",
    "ref.pma"
  ],
  "strategy": "sequential",
  "reference": {
    "market": "us",
    "route": "pma",
    "submissionDate": null,
    "decisionDate": null
  },
  "japanSubmissionDates": null,
  "japanDecisionDates": null,
  "assumptions": [
    {
      "decision": "timelineReference",
      "rule": "rf_default_new_high"
    },
    {
      "decision": "timelineStrategy",
      "rule": "st_default"
    },
    {
      "decision": "timelineTrial",
      "rule": "tt_default"
    },
    {
      "decision": "timelineConsultations",
      "rule": "tc_default_clinical"
    }
  ]
}
