package report

import (
	"slices"

	"github.com/anthropic-admin-go/admin"
)

// FOCUS rows from the Usage & Cost Analytics API. Its rows carry what the
// cost report's lack: the list price of the same usage (ListCost) and who
// incurred it (the actor: x_ActorType, x_ActorId, x_ActorName). Their
// columns are those of FOCUSColumns with ListCost after EffectiveCost and
// the actor columns at the end; the cost report's export is unchanged.

// FOCUSActor is who incurred a FOCUS row's cost.
type FOCUSActor struct {
	Type admin.AnalyticsActorType
	ID   string // the member's user ID, the service account's, the API key's, or a federated subject
	Name string // a member's email, a key's name; "" when unknown
}

// AnalyticsFOCUSColumns returns the column IDs of the analytics export, in
// the order of FOCUSRow.AnalyticsRecord.
func AnalyticsFOCUSColumns() []string {
	cols := slices.Clone(focusColumns)
	i := slices.Index(cols, "EffectiveCost") + 1
	cols = slices.Insert(cols, i, "ListCost")
	return append(cols, "x_ActorType", "x_ActorId", "x_ActorName")
}

// AnalyticsRecord is the row's values in AnalyticsFOCUSColumns order:
// Record's, with ListCost (from ListAmount; null when unknown) and the
// actor (null when the row has none).
func (r FOCUSRow) AnalyticsRecord() []string {
	rec := r.Record()
	var list string
	if r.ListAmount != nil {
		list, _ = RatioOf(r.ListAmount.Dollars()).Decimal()
	}
	i := slices.Index(focusColumns, "EffectiveCost") + 1
	rec = slices.Insert(rec, i, list)
	var actor [3]string
	if r.Actor != nil {
		actor = [3]string{string(r.Actor.Type), r.Actor.ID, r.Actor.Name}
	}
	return append(rec, actor[:]...)
}

// AnalyticsFOCUSGroupBy is what to break analytics cost rows out by for
// FOCUS rows: who, where, which model, and the kind of cost and token (the
// five dimensions the API allows, cost_type and token_type not counted).
func AnalyticsFOCUSGroupBy() []admin.AnalyticsDimension {
	return []admin.AnalyticsDimension{admin.DimActor, admin.DimWorkspaceID, admin.DimModel, admin.DimServiceTier, admin.DimContextWindow,
		admin.DimCostType, admin.DimTokenType}
}

// AnalyticsFOCUSExport maps analytics cost rows, a day at a time (see
// DailyRows), to FOCUS rows, as FOCUSExport does the cost report's.
type AnalyticsFOCUSExport struct {
	AccountID, AccountName string
	// WorkspaceName names a workspace by ID; nil leaves the names empty.
	WorkspaceName func(id string) string
	// ActorName names an actor the row does not name itself (an API key by
	// its name); nil leaves those names empty.
	ActorName func(a *admin.AnalyticsActor) string
}

// Rows is a FOCUS row for every analytics row of a day.
func (e AnalyticsFOCUSExport) Rows(b admin.ReportBucket[admin.AnalyticsCostRow]) []FOCUSRow {
	rows := make([]FOCUSRow, len(b.Results))
	for i, r := range b.Results {
		g := r.Group
		list := r.Cost.ListAmount
		row := FOCUSRow{Start: r.StartingAt, End: r.EndingAt, Amount: r.Cost.Amount, ListAmount: &list, Currency: r.Cost.Currency,
			AccountID: e.AccountID, AccountName: e.AccountName, WorkspaceID: g.WorkspaceID,
			Model: g.Model, CostType: g.CostType, TokenType: g.TokenType}
		if g.WorkspaceID != "" && e.WorkspaceName != nil {
			row.WorkspaceName = e.WorkspaceName(g.WorkspaceID)
		}
		if a := g.Actor; a != nil {
			row.Actor = &FOCUSActor{Type: a.Type, ID: firstOf(a.UserID, a.ServiceAccountID, a.APIKeyID, a.Subject), Name: a.EmailAddress}
			if row.Actor.Name == "" && e.ActorName != nil {
				row.Actor.Name = e.ActorName(a)
			}
		}
		rows[i] = row
	}
	return rows
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
