package org

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/techmart-vn/techmart/internal/store"
)

// Verified lists the verified organisations, oldest first: the public ones
// (the sitemap, the feeds' authors).
func (s *Service) Verified(ctx context.Context) ([]Organization, error) {
	return store.Find[Organization](ctx, s.s, Collection, bson.D{{Key: "status", Value: StatusVerified}},
		options.Find().SetSort(listOrder))
}

// IsPublic says whether the public may see the organisation: its page, its
// share card, a link to it from a listing. Only verified ones.
func (o Organization) IsPublic() bool { return o.Status == StatusVerified }
