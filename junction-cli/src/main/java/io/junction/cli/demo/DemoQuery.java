package io.junction.cli.demo;

import java.util.List;

/** One query the demo runs, with a line saying what it shows. */
public record DemoQuery(String title, String sql) {
    /** Cross-source queries over the {@link DemoDataset}: joins across all three sources, aggregates, top-N, filters. */
    public static final List<DemoQuery> ALL = List.of(
            new DemoQuery("Revenue by country: DuckDB orders joined with SQLite customers and countries",
                    """
                    SELECT co.name AS country, COUNT(*) AS orders, SUM(o.amount) AS revenue, AVG(o.amount) AS avg_amount
                    FROM sales.orders o
                    JOIN crm.customers c ON o.customer_id = c.id
                    JOIN crm.countries co ON c.country = co.code
                    GROUP BY co.name
                    ORDER BY revenue DESC
                    LIMIT 10"""),
            new DemoQuery("Second-half sales of pricier products to German and French customers: a filter on every source",
                    """
                    SELECT p.category, c.country, SUM(o.quantity) AS units, SUM(o.amount) AS revenue
                    FROM sales.orders o
                    JOIN crm.customers c ON o.customer_id = c.id
                    JOIN files.products p ON o.product_id = p.id
                    WHERE o.ordered_at >= TIMESTAMP '2024-07-01 00:00:00'
                      AND c.country IN ('DE', 'FR')
                      AND p.price > 100
                    GROUP BY p.category, c.country
                    ORDER BY p.category, c.country"""),
            new DemoQuery("The ten largest orders, with customer and product names from the other two sources",
                    """
                    SELECT o.id, c.name AS customer, p.name AS product, o.quantity, o.amount, o.ordered_at
                    FROM sales.orders o
                    JOIN crm.customers c ON o.customer_id = c.id
                    JOIN files.products p ON o.product_id = p.id
                    WHERE o.amount IS NOT NULL
                    ORDER BY o.amount DESC, o.id
                    LIMIT 10"""),
            new DemoQuery("Orders and unpriced orders per product category (CSV joined with DuckDB)",
                    """
                    SELECT p.category, COUNT(*) AS orders, COUNT(o.amount) AS priced, MIN(p.price) AS cheapest, MAX(p.price) AS dearest
                    FROM files.products p
                    JOIN sales.orders o ON o.product_id = p.id
                    GROUP BY p.category
                    ORDER BY p.category"""),
            new DemoQuery("Customers who signed up in 2024 and their order counts (a LEFT JOIN keeps those without orders)",
                    """
                    SELECT c.name, c.country, c.signup_date, COUNT(o.id) AS orders
                    FROM crm.customers c
                    LEFT JOIN sales.orders o ON o.customer_id = c.id
                    WHERE c.signup_date >= DATE '2024-01-01'
                    GROUP BY c.name, c.country, c.signup_date
                    ORDER BY orders DESC, c.name
                    LIMIT 10"""));
}
