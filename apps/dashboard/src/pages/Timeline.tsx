import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { EventView, Page, TimelineHistogram } from '#read-models/contracts';
import { get } from '../api';
import { Actors, DateText } from '../components/EventCard';
import { EventFilterForm, filterParams, useEventFilters } from '../components/EventFilterForm';
import { ColumnChart } from '../components/MiniCharts';
import { Pager } from '../components/Pager';
import { Card, ErrorBox, Loading, TypeBadge, cursorSetter } from '../components/ui';
import { ModalityBadge, modalityClass, useModality } from '../modality';

const PAGE_SIZE = 100;

export function TimelinePage() {
  const { current, query, params, setParams } = useEventFilters();
  const { showAll } = useModality();
  const cursor = params.get('cursor') ?? '';
  const live = current.asOf ? false : 10_000;

  const timeline = useQuery({
    queryKey: ['timeline', query, cursor],
    queryFn: () => get<Page<EventView>>('/api/timeline', { ...query, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: live,
  });
  // Counted over every matching event, not one page, with the empty periods in between.
  const histogram = useQuery({
    queryKey: ['timeline-histogram', query],
    queryFn: () => get<TimelineHistogram>('/api/timeline/histogram', query),
    placeholderData: keepPreviousData,
    refetchInterval: live,
  });
  const items = timeline.data?.items ?? [];
  const buckets = histogram.data?.buckets ?? [];

  return (
    <Card title="Timeline" testId="timeline-page">
      <EventFilterForm
        key={params.toString()}
        current={current}
        onApply={(values) => setParams(filterParams(values))}
      />
      {current.asOf && (
        <p className="notice">Showing what had been recorded before {new Date(current.asOf).toLocaleString()}.</p>
      )}
      {!showAll && (
        <p className="muted small">
          Events that happened only. Tick “show events that did not happen” above for future, hypothetical and negated
          ones, labelled.
        </p>
      )}
      <ErrorBox error={timeline.error ?? histogram.error} />
      {buckets.length > 1 && (
        <div data-testid="timeline-histogram" data-buckets={buckets.length} data-interval={histogram.data?.interval}>
          <ColumnChart
            data={buckets.map((b) => ({ label: bucketLabel(b.start, histogram.data?.interval), value: b.events }))}
            colour="#4f7cac"
            height={110}
            width={1200}
            unit="events"
          />
        </div>
      )}
      {timeline.isPending ? (
        <Loading what="events" />
      ) : (
        <>
          <Pager page={timeline.data} onCursor={cursorSetter(setParams)} what="events" />
          <table className="grid" data-testid="timeline">
            <thead>
              <tr>
                <th>When</th>
                <th>Type</th>
                <th>Agent</th>
                <th>Target</th>
                <th>Where</th>
                <th>Article</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr
                  key={e.eventId}
                  data-testid="timeline-row"
                  data-event-id={e.eventId}
                  data-event-type={e.type}
                  data-modality={e.modality}
                  className={`${e.status === 'retracted' ? 'retracted' : ''} ${modalityClass(e.modality)}`}
                >
                  <td>
                    <DateText date={e.date} />
                  </td>
                  <td>
                    <TypeBadge type={e.type} />
                    <ModalityBadge modality={e.modality} />
                    {e.status === 'retracted' && <span className="muted small"> retracted</span>}
                  </td>
                  <td>
                    <Actors actors={e.agent} />
                  </td>
                  <td>
                    <Actors actors={e.target} />
                  </td>
                  <td className="small">
                    {e.location ? `${e.location.name} (${e.location.country})` : <span className="muted">—</span>}
                  </td>
                  <td>
                    <Link to={`/articles/${e.articleId}`}>open</Link>
                  </td>
                </tr>
              ))}
              {items.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No events match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager page={timeline.data} onCursor={cursorSetter(setParams)} what="events" />
        </>
      )}
    </Card>
  );
}

/** A bucket's start as the interval reads: 2021-04-07 (day, week), 2021-04 (month), 2021 (year). */
function bucketLabel(start: string, interval: string | undefined): string {
  if (interval === 'year') return start.slice(0, 4);
  if (interval === 'month') return start.slice(0, 7);
  return start;
}
