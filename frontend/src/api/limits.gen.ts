// Generated from openapi.json by scripts/gen-api.mjs (npm run gen:api). Do not edit:
// change the Go types, then `make api-types`.

/** The limits the server declares and enforces, by schema and field path. */
export const limits = {
  "AcceptanceInput.note": {
    "maxLength": 4000
  },
  "AcceptanceRequest.report": {
    "minLength": 20,
    "maxLength": 8000
  },
  "Application.reviewPlan.criteria.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "Application.reviewPlan.criteria.weight": {
    "minimum": 1,
    "maximum": 100
  },
  "Application.reviews.scores.comment": {
    "maxLength": 2000
  },
  "Application.technology.description": {
    "maxLength": 8000
  },
  "ApplicationInput.expectedResults": {
    "maxLength": 8000
  },
  "ApplicationInput.ownContribution": {
    "minimum": 0
  },
  "ApplicationInput.requested": {
    "minimum": 0
  },
  "ApplicationInput.summary": {
    "maxLength": 8000
  },
  "ApplicationInput.technology.description": {
    "maxLength": 8000
  },
  "ApplicationInput.title": {
    "minLength": 5,
    "maxLength": 300
  },
  "ApplicationInput.totalCost": {
    "minimum": 0
  },
  "CheckInInput.code": {
    "maxLength": 200
  },
  "CloseInput.note": {
    "maxLength": 4000
  },
  "DecideInput.number": {
    "maxLength": 60
  },
  "DecideInput.reason": {
    "maxLength": 4000
  },
  "Decision.comment": {
    "maxLength": 1000
  },
  "DisburseInput.note": {
    "maxLength": 1000
  },
  "Event.booths.code": {
    "minLength": 1,
    "maxLength": 20
  },
  "Event.booths.count": {
    "minimum": 1,
    "maximum": 5000
  },
  "Event.booths.feeVnd": {
    "minimum": 0,
    "maximum": 10000000000
  },
  "Event.booths.freeQuota": {
    "minimum": 0,
    "maximum": 5000
  },
  "Event.booths.name": {
    "minLength": 2,
    "maxLength": 120
  },
  "Event.booths.nameEn": {
    "maxLength": 120
  },
  "Event.booths.prefix": {
    "minLength": 1,
    "maxLength": 8
  },
  "Event.booths.sizeM2": {
    "minimum": 0,
    "maximum": 10000
  },
  "Event.meetings.breaks": {
    "maxItems": 10
  },
  "Event.meetings.breaks.after": {
    "minimum": 0,
    "maximum": 100
  },
  "Event.meetings.breaks.minutes": {
    "minimum": 5,
    "maximum": 240
  },
  "Event.meetings.days": {
    "maxItems": 14
  },
  "Event.meetings.minutes": {
    "minimum": 0,
    "maximum": 240
  },
  "Event.meetings.slotsPerDay": {
    "minimum": 0,
    "maximum": 64
  },
  "Event.meetings.start": {
    "maxLength": 5
  },
  "Event.meetings.tables": {
    "minimum": 0,
    "maximum": 500
  },
  "EventCancelInput.reason": {
    "minLength": 5,
    "maxLength": 1000
  },
  "EventDealInput.sectors": {
    "maxItems": 5
  },
  "EventDealInput.valueVnd": {
    "minimum": 0,
    "maximum": 1000000000000000
  },
  "EventDealTransferInput.title": {
    "minLength": 5,
    "maxLength": 300
  },
  "EventInput.booths": {
    "maxItems": 20
  },
  "EventInput.booths.code": {
    "minLength": 1,
    "maxLength": 20
  },
  "EventInput.booths.count": {
    "minimum": 1,
    "maximum": 5000
  },
  "EventInput.booths.feeVnd": {
    "minimum": 0,
    "maximum": 10000000000
  },
  "EventInput.booths.freeQuota": {
    "minimum": 0,
    "maximum": 5000
  },
  "EventInput.booths.name": {
    "minLength": 2,
    "maxLength": 120
  },
  "EventInput.booths.nameEn": {
    "maxLength": 120
  },
  "EventInput.booths.prefix": {
    "minLength": 1,
    "maxLength": 8
  },
  "EventInput.booths.sizeM2": {
    "minimum": 0,
    "maximum": 10000
  },
  "EventInput.description": {
    "maxLength": 8000
  },
  "EventInput.descriptionEn": {
    "maxLength": 8000
  },
  "EventInput.link": {
    "maxLength": 500
  },
  "EventInput.meetings.breaks": {
    "maxItems": 10
  },
  "EventInput.meetings.breaks.after": {
    "minimum": 0,
    "maximum": 100
  },
  "EventInput.meetings.breaks.minutes": {
    "minimum": 5,
    "maximum": 240
  },
  "EventInput.meetings.days": {
    "maxItems": 14
  },
  "EventInput.meetings.minutes": {
    "minimum": 0,
    "maximum": 240
  },
  "EventInput.meetings.slotsPerDay": {
    "minimum": 0,
    "maximum": 64
  },
  "EventInput.meetings.start": {
    "maxLength": 5
  },
  "EventInput.meetings.tables": {
    "minimum": 0,
    "maximum": 500
  },
  "EventInput.name": {
    "minLength": 5,
    "maxLength": 300
  },
  "EventInput.nameEn": {
    "maxLength": 300
  },
  "EventInput.organisers": {
    "maxItems": 10
  },
  "EventInput.sectors": {
    "maxItems": 10
  },
  "EventInput.venue": {
    "maxLength": 300
  },
  "EventMeetingInput.message": {
    "minLength": 10,
    "maxLength": 500
  },
  "EventMeetingReason.reason": {
    "maxLength": 500
  },
  "EventRegistrationInput.boothType": {
    "maxLength": 20
  },
  "EventRegistrationInput.listings": {
    "maxItems": 20
  },
  "EventRegistrationInput.needs": {
    "maxItems": 20
  },
  "EventRegistrationInput.note": {
    "maxLength": 2000
  },
  "EventRegistrationInput.orgId": {
    "maxLength": 40
  },
  "EventRegistrationInput.slots": {
    "maxItems": 1000
  },
  "EventReject.reason": {
    "minLength": 5,
    "maxLength": 1000
  },
  "ImplementationInput.outcome": {
    "maxLength": 4000
  },
  "Interest.brings": {
    "maxLength": 2000
  },
  "Interest.seeks": {
    "minLength": 10,
    "maxLength": 2000
  },
  "ListingInput.summary": {
    "minLength": 40,
    "maxLength": 1000
  },
  "ListingInput.summaryEn": {
    "maxLength": 1000
  },
  "ListingInput.title": {
    "minLength": 10,
    "maxLength": 150
  },
  "ListingInput.titleEn": {
    "maxLength": 150
  },
  "ListingInput.trl": {
    "minimum": 1,
    "maximum": 9
  },
  "ListingReject.comment": {
    "minLength": 5,
    "maxLength": 2000
  },
  "MatchProposal.note": {
    "maxLength": 2000
  },
  "MeetingOutcomeInput.nextStep": {
    "maxLength": 1000
  },
  "MessageInput.body": {
    "minLength": 1,
    "maxLength": 4000
  },
  "OpenPeriod.year": {
    "minimum": 2000,
    "maximum": 2100
  },
  "Organization.evidence.commune": {
    "maxLength": 60
  },
  "Organization.evidence.legalRepresentative": {
    "maxLength": 120
  },
  "Organization.evidence.phone": {
    "maxLength": 20
  },
  "Organization.evidence.registrationNumber": {
    "maxLength": 60
  },
  "Organization.evidence.street": {
    "maxLength": 200
  },
  "Organization.evidence.taxCode": {
    "pattern": "^(\\d{10}(-?\\d{3})?|\\d{12})$"
  },
  "Organization.evidence.website": {
    "maxLength": 200
  },
  "OrganizationDescription.description": {
    "maxLength": 2000
  },
  "OrganizationUpdate.evidence.commune": {
    "maxLength": 60
  },
  "OrganizationUpdate.evidence.legalRepresentative": {
    "maxLength": 120
  },
  "OrganizationUpdate.evidence.phone": {
    "maxLength": 20
  },
  "OrganizationUpdate.evidence.registrationNumber": {
    "maxLength": 60
  },
  "OrganizationUpdate.evidence.street": {
    "maxLength": 200
  },
  "OrganizationUpdate.evidence.taxCode": {
    "pattern": "^(\\d{10}(-?\\d{3})?|\\d{12})$"
  },
  "OrganizationUpdate.evidence.website": {
    "maxLength": 200
  },
  "Plan.agencies.code": {
    "minLength": 2,
    "maxLength": 40
  },
  "Plan.agencies.name": {
    "minLength": 2,
    "maxLength": 200
  },
  "Plan.agencies.nameEn": {
    "maxLength": 200
  },
  "Plan.agencies.orgId": {
    "maxLength": 40
  },
  "Plan.agencies.replacedBy": {
    "maxLength": 40
  },
  "Plan.targets.baseline": {
    "minimum": 0
  },
  "Plan.targets.coOperating": {
    "maxItems": 20
  },
  "Plan.targets.code": {
    "minLength": 1,
    "maxLength": 20
  },
  "Plan.targets.indicator": {
    "minLength": 3,
    "maxLength": 500
  },
  "Plan.targets.indicatorEn": {
    "maxLength": 500
  },
  "Plan.targets.milestones": {
    "minItems": 1,
    "maxItems": 10
  },
  "Plan.targets.milestones.value": {
    "minimum": 0
  },
  "Plan.targets.milestones.year": {
    "minimum": 2000,
    "maximum": 2100
  },
  "Plan.targets.query.metric": {
    "maxLength": 60
  },
  "Plan.targets.section": {
    "maxLength": 40
  },
  "Plan.targets.unit": {
    "minLength": 1,
    "maxLength": 60
  },
  "Plan.targets.unitEn": {
    "maxLength": 60
  },
  "Plan.targets.unitEnOne": {
    "maxLength": 60
  },
  "PlanInput.agencies": {
    "maxItems": 60
  },
  "PlanInput.agencies.code": {
    "minLength": 2,
    "maxLength": 40
  },
  "PlanInput.agencies.name": {
    "minLength": 2,
    "maxLength": 200
  },
  "PlanInput.agencies.nameEn": {
    "maxLength": 200
  },
  "PlanInput.agencies.orgId": {
    "maxLength": 40
  },
  "PlanInput.agencies.replacedBy": {
    "maxLength": 40
  },
  "PlanInput.horizon": {
    "maxLength": 200
  },
  "PlanInput.issuer": {
    "minLength": 3,
    "maxLength": 200
  },
  "PlanInput.number": {
    "minLength": 3,
    "maxLength": 60
  },
  "PlanInput.targets": {
    "maxItems": 100
  },
  "PlanInput.targets.baseline": {
    "minimum": 0
  },
  "PlanInput.targets.coOperating": {
    "maxItems": 20
  },
  "PlanInput.targets.code": {
    "minLength": 1,
    "maxLength": 20
  },
  "PlanInput.targets.indicator": {
    "minLength": 3,
    "maxLength": 500
  },
  "PlanInput.targets.indicatorEn": {
    "maxLength": 500
  },
  "PlanInput.targets.milestones": {
    "minItems": 1,
    "maxItems": 10
  },
  "PlanInput.targets.milestones.value": {
    "minimum": 0
  },
  "PlanInput.targets.milestones.year": {
    "minimum": 2000,
    "maximum": 2100
  },
  "PlanInput.targets.query.metric": {
    "maxLength": 60
  },
  "PlanInput.targets.section": {
    "maxLength": 40
  },
  "PlanInput.targets.unit": {
    "minLength": 1,
    "maxLength": 60
  },
  "PlanInput.targets.unitEn": {
    "maxLength": 60
  },
  "PlanInput.targets.unitEnOne": {
    "maxLength": 60
  },
  "PlanInput.title": {
    "minLength": 5,
    "maxLength": 500
  },
  "PlanInput.titleEn": {
    "maxLength": 500
  },
  "PlanProgress.targets.milestone.value": {
    "minimum": 0
  },
  "PlanProgress.targets.milestone.year": {
    "minimum": 2000,
    "maximum": 2100
  },
  "PlanProgress.targets.milestones.value": {
    "minimum": 0
  },
  "PlanProgress.targets.milestones.year": {
    "minimum": 2000,
    "maximum": 2100
  },
  "Program.criteria.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "Program.criteria.weight": {
    "minimum": 1,
    "maximum": 100
  },
  "Program.documents.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "Program.legalBasis.number": {
    "minLength": 3,
    "maxLength": 60
  },
  "Program.legalBasis.title": {
    "maxLength": 500
  },
  "ProgramInput.approvedPerOrganization": {
    "minimum": 1,
    "maximum": 100
  },
  "ProgramInput.budget": {
    "minimum": 1
  },
  "ProgramInput.capPerApplication": {
    "minimum": 1
  },
  "ProgramInput.criteria": {
    "maxItems": 20
  },
  "ProgramInput.criteria.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "ProgramInput.criteria.weight": {
    "minimum": 1,
    "maximum": 100
  },
  "ProgramInput.documents": {
    "maxItems": 30
  },
  "ProgramInput.documents.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "ProgramInput.legalBasis.number": {
    "minLength": 3,
    "maxLength": 60
  },
  "ProgramInput.legalBasis.title": {
    "maxLength": 500
  },
  "ProgramInput.maxSharePercent": {
    "minimum": 1,
    "maximum": 100
  },
  "ProgramInput.name": {
    "minLength": 5,
    "maxLength": 300
  },
  "ProgramInput.openPerOrganization": {
    "minimum": 1,
    "maximum": 100
  },
  "ProgramInput.passMark": {
    "minimum": 1,
    "maximum": 100
  },
  "ProgramInput.summary": {
    "maxLength": 4000
  },
  "Reason.reason": {
    "minLength": 5,
    "maxLength": 2000
  },
  "Registration.organization.evidence.commune": {
    "maxLength": 60
  },
  "Registration.organization.evidence.legalRepresentative": {
    "maxLength": 120
  },
  "Registration.organization.evidence.phone": {
    "maxLength": 20
  },
  "Registration.organization.evidence.registrationNumber": {
    "maxLength": 60
  },
  "Registration.organization.evidence.street": {
    "maxLength": 200
  },
  "Registration.organization.evidence.taxCode": {
    "pattern": "^(\\d{10}(-?\\d{3})?|\\d{12})$"
  },
  "Registration.organization.evidence.website": {
    "maxLength": 200
  },
  "Reject.reason": {
    "minLength": 5,
    "maxLength": 1000
  },
  "Report.sections.body": {
    "maxLength": 20000
  },
  "Report.sections.title": {
    "minLength": 2,
    "maxLength": 200
  },
  "ReportInput.items": {
    "maxItems": 100
  },
  "ReportInput.items.cumulative": {
    "minimum": 0
  },
  "ReportInput.items.difficulties": {
    "maxLength": 8000
  },
  "ReportInput.items.done": {
    "maxLength": 8000
  },
  "ReportInput.items.note": {
    "maxLength": 2000
  },
  "ReportInput.items.proposals": {
    "maxLength": 8000
  },
  "ReportInput.items.target": {
    "maxLength": 20
  },
  "ReportInput.items.value": {
    "minimum": 0
  },
  "ReportInput.sections": {
    "maxItems": 20
  },
  "ReportInput.sections.body": {
    "maxLength": 20000
  },
  "ReportInput.sections.title": {
    "minLength": 2,
    "maxLength": 200
  },
  "ScoreInput.comment": {
    "maxLength": 4000
  },
  "ScoreInput.scores.comment": {
    "maxLength": 2000
  },
  "StartReport.planId": {
    "maxLength": 40
  },
  "StartReport.year": {
    "minimum": 2000,
    "maximum": 2100
  },
  "SynonymInput.expansions": {
    "maxItems": 20
  },
  "SynonymInput.note": {
    "maxLength": 300
  },
  "SynonymInput.terms": {
    "minItems": 1,
    "maxItems": 20
  },
  "TaskAcceptanceCouncilInput.memberIds": {
    "minItems": 1,
    "maxItems": 15
  },
  "TaskAcceptanceCouncilInput.rule.excellentShare": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskAcceptanceCouncilInput.rule.members": {
    "minimum": 1,
    "maximum": 15
  },
  "TaskAcceptanceCouncilInput.rule.passShare": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskAcceptanceRequest.report": {
    "minLength": 20,
    "maxLength": 8000
  },
  "TaskAppraiseInput.lines": {
    "maxItems": 60
  },
  "TaskAppraiseInput.lines.approved": {
    "minimum": 0
  },
  "TaskAppraiseInput.lines.note": {
    "maxLength": 1000
  },
  "TaskAppraiseInput.note": {
    "maxLength": 4000
  },
  "TaskConclusionInput.note": {
    "maxLength": 4000
  },
  "TaskContract.contract.acceptance.council.scores.comment": {
    "maxLength": 2000
  },
  "TaskContract.contract.acceptance.rule.excellentShare": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskContract.contract.acceptance.rule.members": {
    "minimum": 1,
    "maximum": 15
  },
  "TaskContract.contract.acceptance.rule.passShare": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskContract.contract.milestones.deliverables": {
    "minLength": 2,
    "maxLength": 2000
  },
  "TaskContract.contract.milestones.name": {
    "minLength": 2,
    "maxLength": 200
  },
  "TaskContract.contract.reports.files": {
    "maxItems": 10
  },
  "TaskContractInput.milestones": {
    "minItems": 1,
    "maxItems": 24
  },
  "TaskContractInput.milestones.deliverables": {
    "minLength": 2,
    "maxLength": 2000
  },
  "TaskContractInput.milestones.name": {
    "minLength": 2,
    "maxLength": 200
  },
  "TaskContractInput.number": {
    "minLength": 1,
    "maxLength": 60
  },
  "TaskCouncilInput.reviewerIds": {
    "maxItems": 15
  },
  "TaskDecideInput.number": {
    "minLength": 1,
    "maxLength": 60
  },
  "TaskDossier.budget.item": {
    "minLength": 2,
    "maxLength": 300
  },
  "TaskDossier.budget.quantity": {
    "minimum": 1,
    "maximum": 1000000
  },
  "TaskDossier.budget.unit": {
    "minLength": 1,
    "maxLength": 40
  },
  "TaskDossier.budget.unitPrice": {
    "minimum": 0
  },
  "TaskDossierInput.approach": {
    "maxLength": 12000
  },
  "TaskDossierInput.budget": {
    "maxItems": 60
  },
  "TaskDossierInput.budget.item": {
    "minLength": 2,
    "maxLength": 300
  },
  "TaskDossierInput.budget.quantity": {
    "minimum": 1,
    "maximum": 1000000
  },
  "TaskDossierInput.budget.unit": {
    "minLength": 1,
    "maxLength": 40
  },
  "TaskDossierInput.budget.unitPrice": {
    "minimum": 0
  },
  "TaskDossierInput.lead": {
    "minLength": 3,
    "maxLength": 200
  },
  "TaskDossierInput.months": {
    "minimum": 1,
    "maximum": 60
  },
  "TaskDossierInput.products": {
    "maxLength": 8000
  },
  "TaskDossierInput.summary": {
    "maxLength": 8000
  },
  "TaskExtensionInput.reason": {
    "minLength": 10,
    "maxLength": 2000
  },
  "TaskGradeInput.comment": {
    "maxLength": 4000
  },
  "TaskInspectionInput.conclusion": {
    "minLength": 5,
    "maxLength": 2000
  },
  "TaskInspectionInput.findings": {
    "minLength": 10,
    "maxLength": 8000
  },
  "TaskListInput.number": {
    "minLength": 1,
    "maxLength": 50
  },
  "TaskListInput.orders": {
    "maxItems": 200
  },
  "TaskListInput.orders.code": {
    "maxLength": 40
  },
  "TaskListInput.orders.maxBudget": {
    "minimum": 1,
    "maximum": 1000000000000
  },
  "TaskListInput.orders.months": {
    "minimum": 1,
    "maximum": 60
  },
  "TaskListInput.orders.products": {
    "minLength": 5,
    "maxLength": 4000
  },
  "TaskOpenInput.criteria": {
    "maxItems": 12
  },
  "TaskOpenInput.criteria.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "TaskOpenInput.criteria.weight": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskOpenInput.note": {
    "maxLength": 2000
  },
  "TaskOpenInput.passMark": {
    "minimum": 0,
    "maximum": 100
  },
  "TaskOpenInput.required": {
    "minimum": 1,
    "maximum": 15
  },
  "TaskProposal.budget.other": {
    "minimum": 0,
    "maximum": 1000000000000
  },
  "TaskProposal.budget.otherSources": {
    "maxLength": 500
  },
  "TaskProposal.budget.state": {
    "minimum": 0,
    "maximum": 1000000000000
  },
  "TaskProposalInput.application": {
    "maxLength": 4000
  },
  "TaskProposalInput.budget.other": {
    "minimum": 0,
    "maximum": 1000000000000
  },
  "TaskProposalInput.budget.otherSources": {
    "maxLength": 500
  },
  "TaskProposalInput.budget.state": {
    "minimum": 0,
    "maximum": 1000000000000
  },
  "TaskProposalInput.content": {
    "maxLength": 8000
  },
  "TaskProposalInput.months": {
    "minimum": 1,
    "maximum": 60
  },
  "TaskProposalInput.objectives": {
    "maxLength": 4000
  },
  "TaskProposalInput.products": {
    "maxLength": 4000
  },
  "TaskProposalInput.sectors": {
    "maxItems": 5
  },
  "TaskProposalInput.title": {
    "minLength": 10,
    "maxLength": 300
  },
  "TaskRegistrationInput.number": {
    "minLength": 1,
    "maxLength": 60
  },
  "TaskReportInput.milestone": {
    "minimum": 0
  },
  "TaskReportInput.text": {
    "minLength": 20,
    "maxLength": 8000
  },
  "TaskRound.criteria.key": {
    "minLength": 1,
    "maxLength": 40
  },
  "TaskRound.criteria.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "TaskRound.criteria.nameEn": {
    "maxLength": 300
  },
  "TaskRound.criteria.weight": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskRound.entries.reviews.scores.comment": {
    "maxLength": 2000
  },
  "TaskRound.proposals.budget.other": {
    "minimum": 0,
    "maximum": 1000000000000
  },
  "TaskRound.proposals.budget.otherSources": {
    "maxLength": 500
  },
  "TaskRound.proposals.budget.state": {
    "minimum": 0,
    "maximum": 1000000000000
  },
  "TaskRoundAdd.proposalIds": {
    "minItems": 1,
    "maxItems": 200
  },
  "TaskRoundInput.criteria": {
    "maxItems": 20
  },
  "TaskRoundInput.criteria.key": {
    "minLength": 1,
    "maxLength": 40
  },
  "TaskRoundInput.criteria.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "TaskRoundInput.criteria.nameEn": {
    "maxLength": 300
  },
  "TaskRoundInput.criteria.weight": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskRoundInput.name": {
    "minLength": 5,
    "maxLength": 200
  },
  "TaskRoundInput.passMark": {
    "minimum": 0,
    "maximum": 100
  },
  "TaskRoundInput.required": {
    "minimum": 1,
    "maximum": 15
  },
  "TaskRoundInput.year": {
    "minimum": 2000,
    "maximum": 2100
  },
  "TaskRoundList.items.criteria.key": {
    "minLength": 1,
    "maxLength": 40
  },
  "TaskRoundList.items.criteria.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "TaskRoundList.items.criteria.nameEn": {
    "maxLength": 300
  },
  "TaskRoundList.items.criteria.weight": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskRoundList.items.entries.reviews.scores.comment": {
    "maxLength": 2000
  },
  "TaskScoreInput.comment": {
    "maxLength": 4000
  },
  "TaskScoreInput.scores.comment": {
    "maxLength": 2000
  },
  "TaskSelectInput.note": {
    "maxLength": 2000
  },
  "TaskSelection.council.dossiers.reviews.scores.comment": {
    "maxLength": 2000
  },
  "TaskSelection.council.plan.criteria.name": {
    "minLength": 2,
    "maxLength": 300
  },
  "TaskSelection.council.plan.criteria.weight": {
    "minimum": 1,
    "maximum": 100
  },
  "TaskTrancheInput.note": {
    "maxLength": 1000
  }
} as const;
