import { Badge, makeStyles, Tooltip } from '@fluentui/react-components';
import { LockClosed12Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
});

/**
 * "Read only": the user may see this VM but their Azure role allows no action on it. Text and icon (not colour
 * alone), with the reason as its description, so nobody wonders why every button is disabled.
 */
export function ReadOnlyBadge() {
  const styles = useStyles();
  return (
    <Tooltip
      content="Your Azure role lets you see this VM, but not start, stop or restart it."
      relationship="description"
    >
      <Badge
        appearance="outline"
        color="informative"
        shape="rounded"
        size="small"
        icon={<LockClosed12Regular />}
        className={styles.badge}
        data-read-only
        tabIndex={0}
      >
        Read only
      </Badge>
    </Tooltip>
  );
}
